// NIP look-ups go through indexes (employees.nip, the SIASN record keyed by NIP, source_records by
// employee id, links by key); NIK and name scan the employees table (no indexed column yet).
#include "employee_lookup.hpp"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <set>

#include "sinkron/mappings/civil_date.hpp"
#include "sinkron/mappings/identifiers.hpp"
#include "sinkron/mappings/name_normalizer.hpp"
#include "sinkron/security/masking.hpp"

namespace sinkron::daemon::lookup {
namespace {

constexpr const char* kSiasnStream = "data-utama";

std::string digitsOnly(std::string_view text) {
  std::string out;
  for (char c : text)
    if (c != ' ' && c != '.' && c != '-') out += c;
  return out;
}

bool allDigits(const std::string& s, std::size_t size) {
  return s.size() == size &&
         std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string text(const rapidjson::Document& d, const char* name) {
  if (d.HasParseError() || !d.IsObject()) return {};
  auto it = d.FindMember(name);
  return it != d.MemberEnd() && it->value.IsString() ? it->value.GetString() : std::string();
}

// `"field":"value"` as compact JSON stores it.
std::string jsonNeedle(const std::string& field, const std::string& value) {
  rapidjson::StringBuffer sb;
  rapidjson::Writer<rapidjson::StringBuffer> w(sb);
  w.String(field.c_str());
  std::string out(sb.GetString(), sb.GetSize());
  sb.Clear();
  rapidjson::Writer<rapidjson::StringBuffer> v(sb);
  v.String(value.c_str());
  return out + ":" + std::string(sb.GetString(), sb.GetSize());
}

std::string containsSql(soci::session& sql, const char* column) {
  // instr (SQLite) and strpos (PostgreSQL) take the text as is: no LIKE wildcards to escape.
  const bool lite = sql.get_backend_name() == "sqlite3";
  return std::string(lite ? "instr(" : "strpos(") + column + ", :n) > 0";
}

std::string typeFromStream(const std::string& stream) {
  if (stream == "pegawai") return "simpeg";
  if (stream == "data-utama" || stream == "latihan-struktural") return "siasn";
  if (stream == "completions") return "training";
  if (stream == "skp" || stream == "appraisals") return "ekinerja";
  return "attendance";
}

void fillFromJson(EmployeeMatch& m, const std::string& json) {
  rapidjson::Document d;
  d.Parse(json.c_str());
  m.nip = text(d, "nip");
  m.nama = text(d, "nama");
  m.birthDate = text(d, "tgl_lahir");
  m.unorId = text(d, "unit_id");
  m.unor = text(d, "unit");
  m.status = text(d, "kedudukan");
  if (m.status.empty()) m.status = text(d, "status_pegawai");
}

class Lookup {
 public:
  Lookup(soci::session& sql, const LookupSettings& s) : sql_(sql), s_(s) {}

  std::vector<std::int64_t> employeesByNip(const std::string& nip) {
    std::vector<std::int64_t> ids;
    long long id = 0;
    soci::statement st = (sql_.prepare << "SELECT id FROM employees WHERE nip = :n ORDER BY id",
                          soci::use(nip), soci::into(id));
    st.execute();
    while (st.fetch()) ids.push_back(id);
    return ids;
  }

  // Employees by an indexed column (employees.nik, employees.birth_date) when the schema has
  // it; empty when it has not, or the column finds nobody (it may not be filled yet).
  std::vector<std::int64_t> employeesByColumn(const std::string& column, const std::string& value,
                                              std::size_t limit) {
    std::vector<std::int64_t> ids;
    try {
      long long id = 0;
      soci::statement st =
          (sql_.prepare << "SELECT id FROM employees WHERE " + column + " = :v ORDER BY id",
           soci::use(value), soci::into(id));
      st.execute();
      while (ids.size() < limit && st.fetch()) ids.push_back(id);
    } catch (const soci::soci_error&) {
      ids.clear();  // no such column: the caller scans
    }
    return ids;
  }

  // Employees whose canonical record holds `"field":"value"` (a scan of employees).
  std::vector<std::int64_t> employeesWithField(const std::string& field, const std::string& value,
                                               std::size_t limit) {
    std::vector<std::int64_t> ids;
    long long id = 0;
    const std::string needle = jsonNeedle(field, value);
    soci::statement st = (sql_.prepare << "SELECT id FROM employees WHERE " +
                                              containsSql(sql_, "canonical_json") + " ORDER BY id",
                          soci::use(needle), soci::into(id));
    st.execute();
    while (ids.size() < limit && st.fetch()) ids.push_back(id);
    return ids;
  }

  // Source records (any connector) holding `"field":"value"`: their employee ids, or the
  // unlinked records themselves.
  void recordsWithField(const std::string& field, const std::string& value, std::size_t limit,
                        std::vector<std::int64_t>& ids, std::vector<EmployeeMatch>& unlinked) {
    std::string connector, stream, key, json;
    long long employee = 0;
    soci::indicator ei = soci::i_null;
    const std::string needle = jsonNeedle(field, value);
    soci::statement st = (sql_.prepare << "SELECT connector, stream, source_key, employee_id, "
                                          "record_json FROM source_records WHERE " +
                                              containsSql(sql_, "record_json") +
                                              " ORDER BY connector, stream, source_key",
                          soci::use(needle), soci::into(connector), soci::into(stream),
                          soci::into(key), soci::into(employee, ei), soci::into(json));
    st.execute();
    while (ids.size() + unlinked.size() < limit && st.fetch()) {
      if (ei == soci::i_ok) {
        if (std::find(ids.begin(), ids.end(), employee) == ids.end()) ids.push_back(employee);
      } else {
        unlinked.push_back(unlinkedMatch(connector, stream, key, json, std::nullopt));
      }
    }
  }

  std::optional<EmployeeMatch> siasnRecordByNip(const std::string& nip,
                                                std::vector<std::int64_t>& ids) {
    std::string json, stream = kSiasnStream;
    long long employee = 0;
    soci::indicator ji = soci::i_null, ei = soci::i_null, mi = soci::i_null;
    long long missing = 0;
    sql_ << "SELECT record_json, employee_id, missing_since FROM source_records WHERE "
            "connector = :c AND stream = :s AND source_key = :k",
        soci::use(s_.siasnConnector), soci::use(stream), soci::use(nip), soci::into(json, ji),
        soci::into(employee, ei), soci::into(missing, mi);
    if (!sql_.got_data() || ji != soci::i_ok) return std::nullopt;
    if (ei == soci::i_ok) {
      if (std::find(ids.begin(), ids.end(), employee) == ids.end()) ids.push_back(employee);
      return std::nullopt;
    }
    return unlinkedMatch(s_.siasnConnector, stream, nip, json,
                         mi == soci::i_ok ? std::optional<std::int64_t>(missing) : std::nullopt);
  }

  std::optional<EmployeeMatch> employee(std::int64_t id) {
    std::string json;
    soci::indicator ji = soci::i_null;
    const long long key = id;
    sql_ << "SELECT canonical_json FROM employees WHERE id = :i", soci::use(key),
        soci::into(json, ji);
    if (!sql_.got_data()) return std::nullopt;
    EmployeeMatch m;
    m.employeeId = id;
    fillFromJson(m, ji == soci::i_ok ? json : "{}");
    std::string connector, stream, sourceKey, record;
    long long missing = 0;
    soci::indicator mi = soci::i_null;
    soci::statement st =
        (sql_.prepare << "SELECT connector, stream, source_key, record_json, missing_since FROM "
                         "source_records WHERE employee_id = :e ORDER BY connector, stream, "
                         "source_key",
         soci::use(key), soci::into(connector), soci::into(stream), soci::into(sourceKey),
         soci::into(record), soci::into(missing, mi));
    st.execute();
    std::vector<std::string>& units = units_[id];
    if (!m.unorId.empty()) units.push_back(m.unorId);
    while (st.fetch()) {
      std::string unit;
      m.systems.push_back(systemRecord(connector, stream, sourceKey, record,
                                       mi == soci::i_ok ? std::optional(missing) : std::nullopt,
                                       &unit));
      if (!unit.empty()) units.push_back(std::move(unit));
    }
    for (SystemRecord& r : m.systems) {
      auto linkedTo = employeeOfLink(r.system, r.key);
      r.linked = linkedTo && *linkedTo == id;
    }
    return m;
  }

  bool inScope(const EmployeeMatch& m) {
    if (s_.agencies.empty()) return true;
    auto has = [&](const std::string& unit) {
      return !unit.empty() &&
             std::find(s_.agencies.begin(), s_.agencies.end(), unit) != s_.agencies.end();
    };
    if (has(m.unorId)) return true;
    if (m.employeeId)
      if (auto it = units_.find(*m.employeeId); it != units_.end())
        return std::any_of(it->second.begin(), it->second.end(), has);
    return false;
  }

  std::optional<std::int64_t> employeeOfLink(const std::string& connector, const std::string& key) {
    long long employee = 0;
    sql_ << "SELECT employee_id FROM links WHERE connector = :c AND source_key = :k",
        soci::use(connector), soci::use(key), soci::into(employee);
    if (!sql_.got_data()) return std::nullopt;
    return employee;
  }

 private:
  SystemRecord systemRecord(const std::string& connector, const std::string& stream,
                            const std::string& key, const std::string& json,
                            std::optional<std::int64_t> missing, std::string* unit = nullptr) {
    SystemRecord r;
    r.system = connector;
    auto t = s_.connectorTypes.find(connector);
    r.type = t != s_.connectorTypes.end() ? t->second : typeFromStream(stream);
    r.stream = stream;
    r.key = key;
    rapidjson::Document d;
    d.Parse(json.c_str());
    r.nip = text(d, "nip");
    if (r.nip.empty() && connector == s_.siasnConnector && stream == kSiasnStream) r.nip = key;
    r.nama = text(d, "nama");
    r.missingSinceMs = missing;
    if (unit != nullptr) *unit = text(d, "unit_id");
    return r;
  }

  EmployeeMatch unlinkedMatch(const std::string& connector, const std::string& stream,
                              const std::string& key, const std::string& json,
                              std::optional<std::int64_t> missing) {
    EmployeeMatch m;
    fillFromJson(m, json);
    m.systems.push_back(systemRecord(connector, stream, key, json, missing));
    if (m.nip.empty()) m.nip = m.systems.back().nip;
    return m;
  }

  soci::session& sql_;
  const LookupSettings& s_;
  // unit_id of each employee's canonical record and source records (SIASN unorId, SIMPEG's own)
  std::map<std::int64_t, std::vector<std::string>> units_;
};

bool nameMatches(const std::string& normalized, const std::string& query) {
  return normalized.compare(0, query.size(), query) == 0;  // full match or prefix
}

}  // namespace

Result<std::vector<EmployeeMatch>> lookupEmployees(soci::session& sql, const EmployeeQuery& query,
                                                   const LookupSettings& settings) {
  const std::string nip = digitsOnly(query.nip), nik = digitsOnly(query.nik);
  const int ways = !nip.empty() + !nik.empty() + !query.name.empty();
  if (ways != 1) return Error::invalid("employee lookup: give exactly one of nip, nik or name");
  if (!nip.empty() && !allDigits(nip, 18))
    return Error::invalid("employee lookup: NIP '" + security::maskId(nip) + "' must be 18 digits");
  if (!nik.empty() && !allDigits(nik, 16))
    return Error::invalid("employee lookup: NIK '" + security::maskId(nik) + "' must be 16 digits");
  if (!query.birthDate.empty() && query.name.empty())
    return Error::invalid("employee lookup: birth_date goes with name");
  std::string birthIso, normalized;
  if (!query.birthDate.empty()) {
    auto birth = mappings::parseDate(query.birthDate);
    if (!birth) return Error::invalid("employee lookup: birth_date: " + birth.error().message);
    birthIso = birth->iso();
  }
  if (!query.name.empty()) {
    normalized = mappings::normalizeName(query.name);
    if (normalized.empty()) return Error::invalid("employee lookup: the name has no letters");
  }
  const std::size_t limit = std::clamp<std::size_t>(query.limit, 1, 1000);

  std::vector<EmployeeMatch> out;
  try {
    Lookup lookup(sql, settings);
    std::vector<std::int64_t> ids;
    std::vector<EmployeeMatch> unlinked;
    std::set<std::int64_t> offByOne;
    if (!nip.empty()) {
      ids = lookup.employeesByNip(nip);
      if (auto r = lookup.siasnRecordByNip(nip, ids)) unlinked.push_back(std::move(*r));
      if (ids.empty() && unlinked.empty())
        for (const std::string& v : mappings::nipNeighbours(nip))
          for (std::int64_t id : lookup.employeesByNip(v))
            if (offByOne.insert(id).second) ids.push_back(id);
    } else if (!nik.empty()) {
      ids = lookup.employeesByColumn("nik", nik, limit);
      if (ids.empty()) ids = lookup.employeesWithField("nik", nik, limit);
      if (ids.empty()) lookup.recordsWithField("nik", nik, limit, ids, unlinked);
    } else {
      // Names: every employee's name normalized (with a birth date, only that day's people).
      long long id = 0;
      std::string name;
      soci::indicator ni = soci::i_null;
      const std::string needle = jsonNeedle("tgl_lahir", birthIso);
      soci::statement st =
          birthIso.empty()
              ? (sql.prepare << "SELECT id, name FROM employees ORDER BY id", soci::into(id),
                 soci::into(name, ni))
              : (sql.prepare << "SELECT id, name FROM employees WHERE " +
                                    containsSql(sql, "canonical_json") + " ORDER BY id",
                 soci::use(needle), soci::into(id), soci::into(name, ni));
      std::string folded;
      // Scoped tokens may skip many people: read a few times the limit before giving up.
      const std::size_t wanted = settings.agencies.empty() ? limit : limit * 20;
      const std::vector<std::int64_t> born =
          birthIso.empty() ? std::vector<std::int64_t>()
                           : lookup.employeesByColumn("birth_date", birthIso, 100000);
      if (!born.empty()) {
        long long key = 0;
        soci::statement byId = (sql.prepare << "SELECT name FROM employees WHERE id = :i",
                                soci::use(key), soci::into(name, ni));
        for (std::size_t i = 0; i < born.size() && ids.size() < wanted; ++i) {
          key = born[i];
          ni = soci::i_null;
          byId.execute(true);
          if (ni != soci::i_ok) continue;
          mappings::normalizeName(name, folded);
          if (nameMatches(folded, normalized)) ids.push_back(born[i]);
        }
      } else {
        st.execute();
        while (ids.size() < wanted && st.fetch()) {
          if (ni != soci::i_ok) continue;
          mappings::normalizeName(name, folded);
          if (nameMatches(folded, normalized)) ids.push_back(id);
        }
      }
    }
    for (std::int64_t id : ids) {
      if (out.size() >= limit) break;
      auto m = lookup.employee(id);
      if (!m || !lookup.inScope(*m)) continue;
      m->nipOneDigitOff = offByOne.count(id) > 0;
      out.push_back(std::move(*m));
    }
    for (EmployeeMatch& m : unlinked)
      if (out.size() < limit && lookup.inScope(m)) out.push_back(std::move(m));
  } catch (const std::exception& e) {
    return Error::io(std::string("employee lookup: reading the store: ") + e.what());
  }
  return out;
}

bool employeeInAgencies(soci::session& sql, std::int64_t employeeId,
                        const std::vector<std::string>& agencies) {
  if (agencies.empty()) return true;
  auto in = [&](const std::string& json) {
    rapidjson::Document d;
    d.Parse(json.c_str());
    const std::string unit = text(d, "unit_id");
    return !unit.empty() && std::find(agencies.begin(), agencies.end(), unit) != agencies.end();
  };
  const long long id = employeeId;
  std::string json;
  soci::indicator ji = soci::i_null;
  sql << "SELECT canonical_json FROM employees WHERE id = :i", soci::use(id), soci::into(json, ji);
  if (sql.got_data() && ji == soci::i_ok && in(json)) return true;
  soci::statement st = (sql.prepare << "SELECT record_json FROM source_records WHERE "
                                       "employee_id = :e",
                        soci::use(id), soci::into(json));
  st.execute();
  while (st.fetch())
    if (in(json)) return true;
  return false;
}

std::optional<std::int64_t> employeeOfRecord(soci::session& sql, const std::string& connector,
                                             const std::string& sourceKey) {
  long long employee = 0;
  sql << "SELECT employee_id FROM links WHERE connector = :c AND source_key = :k",
      soci::use(connector), soci::use(sourceKey), soci::into(employee);
  if (sql.got_data()) return employee;
  soci::indicator ei = soci::i_null;
  sql << "SELECT employee_id FROM source_records WHERE connector = :c AND source_key = :k "
         "AND employee_id IS NOT NULL LIMIT 1",
      soci::use(connector), soci::use(sourceKey), soci::into(employee, ei);
  if (sql.got_data() && ei == soci::i_ok) return employee;
  return std::nullopt;
}

}  // namespace sinkron::daemon::lookup

// Finds one person's SIMPEG and SIASN records (by NIP through indexed keys, by NIK or name + birth
// date through a scan of the two streams), then runs the checks over them.
#include "sinkron/diagnose/diagnoser.hpp"

#include <soci/soci.h>

#include <algorithm>
#include <set>

#include "record_checks.hpp"
#include "sinkron/mappings/field.hpp"
#include "sinkron/mappings/identifiers.hpp"
#include "sinkron/mappings/name_normalizer.hpp"
#include "sinkron/security/masking.hpp"
#include "store_lookup.hpp"
#include "supervisor_check.hpp"

namespace sinkron::diagnose {
namespace {

using detail::StoredRecord;
using mappings::Field;

struct Person {
  std::optional<StoredRecord> simpeg, siasn;
};

std::string digitsOnly(std::string_view text) {
  std::string out;
  for (char c : text)
    if (c != ' ' && c != '.') out += c;
  return out;
}

bool allDigits(const std::string& s, std::size_t size) {
  return s.size() == size &&
         std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string nipOf(const StoredRecord& r) {
  return detail::recordFromJson(r.json).get(Field::kNip);
}

// True when `b` is `a` with one digit changed or two adjacent digits swapped.
bool oneDigitOff(const std::string& a, const std::string& b) {
  if (a.size() != b.size()) return false;
  std::vector<std::size_t> diff;
  for (std::size_t i = 0; i < a.size() && diff.size() < 3; ++i)
    if (a[i] != b[i]) diff.push_back(i);
  if (diff.size() == 1) return true;
  return diff.size() == 2 && diff[1] == diff[0] + 1 && a[diff[0]] == b[diff[1]] &&
         a[diff[1]] == b[diff[0]];
}

class Finder {
 public:
  Finder(soci::session& sql, const DiagnoseSettings& s) : sql_(sql), s_(s) {}

  bool isSimpeg(const StoredRecord& r) const {
    return r.connector == s_.simpegConnector && r.stream == s_.simpegStream;
  }
  bool isSiasn(const StoredRecord& r) const {
    return r.connector == s_.siasnConnector && r.stream == s_.siasnStream;
  }

  // Adds the other system's record through the employee link, or SIASN by the SIMPEG NIP.
  Person complete(const StoredRecord& start) {
    Person p;
    absorb(p, start);
    for (int round = 0; round < 2; ++round) {  // a record found through the link may link on
      for (const auto* r : {&p.simpeg, &p.siasn})
        if (*r && (*r)->employeeId)
          for (const StoredRecord& other : detail::recordsOfEmployee(sql_, *(*r)->employeeId))
            absorb(p, other);
      if (p.simpeg && !p.siasn) {
        const std::string nip = nipOf(*p.simpeg);
        if (!nip.empty())
          if (auto r = detail::recordByKey(sql_, s_.siasnConnector, s_.siasnStream, nip))
            absorb(p, *r);
      }
    }
    return p;
  }

  // Adds a person unless one already found holds the same record; then the new one only fills
  // that person's missing side (records found by different routes, e.g. one side unlinked).
  void add(std::vector<Person>& people, Person p) {
    auto same = [](const std::optional<StoredRecord>& a, const std::optional<StoredRecord>& b) {
      return a && b && a->sourceKey == b->sourceKey;
    };
    if (!p.simpeg && !p.siasn) return;  // e.g. a training record linked to the same employee
    for (Person& q : people) {
      if (!same(q.simpeg, p.simpeg) && !same(q.siasn, p.siasn)) continue;
      if (!q.simpeg) q.simpeg = std::move(p.simpeg);
      if (!q.siasn) q.siasn = std::move(p.siasn);
      return;
    }
    people.push_back(std::move(p));
  }

  std::vector<Person> byNip(const std::string& nip) {
    std::vector<Person> people;
    if (auto r = detail::recordByKey(sql_, s_.siasnConnector, s_.siasnStream, nip))
      add(people, complete(*r));
    for (std::int64_t id : detail::employeesByNip(sql_, nip))
      for (const StoredRecord& r : detail::recordsOfEmployee(sql_, id)) add(people, complete(r));
    auto hasSimpeg = [&] {
      return std::any_of(people.begin(), people.end(), [](const Person& p) { return p.simpeg; });
    };
    // An unlinked SIMPEG record (no link step yet) is only reachable by a scan.
    if (!hasSimpeg())
      for (const StoredRecord& r :
           detail::recordsWithField(sql_, s_.simpegConnector, s_.simpegStream, "nip", nip))
        add(people, complete(r));
    if (hasSimpeg()) return people;
    // Nothing exact in SIMPEG: a SIMPEG record whose NIP is one digit off, through employees.nip.
    for (const std::string& v : mappings::nipNeighbours(nip)) {
      for (std::int64_t id : detail::employeesByNip(sql_, v)) {
        for (const StoredRecord& r : detail::recordsOfEmployee(sql_, id)) {
          if (!isSimpeg(r) || nipOf(r) != v) continue;
          Person found = complete(r);
          if (!people.empty() && !people.front().simpeg &&
              (!found.siasn ||
               (people.front().siasn && found.siasn->sourceKey == people.front().siasn->sourceKey)))
            people.front().simpeg = found.simpeg;  // SIASN exact, SIMPEG mistyped: one person
          else
            add(people, std::move(found));
        }
      }
    }
    return people;
  }

  std::vector<Person> byField(const std::string& field, const std::string& value,
                              const std::string& normalizedName) {
    std::vector<Person> people;
    for (const auto& [connector, stream] : {std::pair(s_.simpegConnector, s_.simpegStream),
                                            std::pair(s_.siasnConnector, s_.siasnStream)})
      for (const StoredRecord& r :
           detail::recordsWithField(sql_, connector, stream, field, value)) {
        if (!normalizedName.empty() && mappings::normalizeName(detail::recordFromJson(r.json).get(
                                           Field::kNama)) != normalizedName)
          continue;
        add(people, complete(r));
      }
    return people;
  }

 private:
  void absorb(Person& p, const StoredRecord& r) const {
    if (isSimpeg(r) && !p.simpeg) p.simpeg = r;
    if (isSiasn(r) && !p.siasn) p.siasn = r;
  }

  soci::session& sql_;
  const DiagnoseSettings& s_;
};

SystemPresence presenceOf(soci::session& sql, const std::string& system,
                          const std::string& connector, const std::string& stream,
                          const std::optional<StoredRecord>& r) {
  SystemPresence p;
  p.system = system;
  p.connector = connector;
  p.stream = stream;
  if (!r) return p;
  p.found = true;
  p.sourceKey = r->sourceKey;
  p.employeeId = r->employeeId;
  p.missingInSource = r->missing;
  p.nip = nipOf(*r);
  if (p.nip.empty() && system == "siasn") p.nip = r->sourceKey;
  if (auto link = detail::linkOf(sql, connector, r->sourceKey)) {
    p.linkDecision = link->decision;
    p.linkScore = link->score;
    if (!p.employeeId) p.employeeId = link->employeeId;
  }
  return p;
}

std::vector<std::string> otherKeysWithEmail(soci::session& sql, const std::string& connector,
                                            const std::string& stream, const StoredRecord& own,
                                            const std::string& email) {
  std::vector<std::string> keys;
  if (email.empty()) return keys;
  for (const StoredRecord& r : detail::recordsWithField(sql, connector, stream, "email", email))
    if (r.sourceKey != own.sourceKey && !r.missing) keys.push_back(r.sourceKey);
  return keys;
}

// "NIP 19800101******1077 H. Ahmad Yani (SIMPEG P77, SIASN 19800101******1077)": the other
// person a query also found, masked like the rest of the report.
std::string describe(const Person& p) {
  std::optional<mappings::EmployeeRecord> simpeg, siasn;
  if (p.simpeg) simpeg = detail::recordFromJson(p.simpeg->json);
  if (p.siasn) siasn = detail::recordFromJson(p.siasn->json);
  auto value = [&](Field f) {
    if (siasn && !siasn->get(f).empty()) return siasn->get(f);
    return simpeg ? simpeg->get(f) : std::string();
  };
  std::string nip = value(Field::kNip);
  if (nip.empty() && p.siasn) nip = p.siasn->sourceKey;  // SIASN is keyed by NIP
  std::string who = nip.empty() ? std::string() : "NIP " + security::maskId(nip);
  if (const std::string nama = value(Field::kNama); !nama.empty())
    who += (who.empty() ? "" : " ") + nama;
  std::string keys;
  if (p.simpeg) keys += "SIMPEG " + security::maskIdsInText(p.simpeg->sourceKey);
  if (p.siasn)
    keys += (keys.empty() ? "" : ", ") + std::string("SIASN ") +
            security::maskIdsInText(p.siasn->sourceKey);
  return who.empty() ? keys : who + " (" + keys + ")";
}

}  // namespace

Diagnoser::Diagnoser(store::StateStore& store, DiagnoseSettings settings)
    : store_(store), settings_(std::move(settings)) {}

Result<DiagnoseReport> Diagnoser::diagnose(const DiagnoseQuery& query) {
  const std::string nip = digitsOnly(query.nip), nik = digitsOnly(query.nik);
  const int ways = !nip.empty() + !nik.empty() + (!query.name.empty() || !query.birthDate.empty());
  if (ways != 1)
    return Error::invalid("diagnose: give exactly one of NIP, NIK, or name with birth date");
  if (!nip.empty() && !allDigits(nip, 18))
    return Error::invalid("diagnose: NIP '" + security::maskId(nip) + "' must be 18 digits");
  if (!nik.empty() && !allDigits(nik, 16))
    return Error::invalid("diagnose: NIK '" + security::maskId(nik) + "' must be 16 digits");
  std::string birthIso, normalizedName;
  if (nip.empty() && nik.empty()) {
    if (query.name.empty() || query.birthDate.empty())
      return Error::invalid("diagnose: a name query needs both name and birth date");
    auto birth = mappings::parseDate(query.birthDate);
    if (!birth) return Error::invalid("diagnose: birth date: " + birth.error().message);
    birthIso = birth->iso();
    normalizedName = mappings::normalizeName(query.name);
    if (normalizedName.empty()) return Error::invalid("diagnose: the name has no letters");
  }

  DiagnoseReport report;
  report.query = !nip.empty()   ? "NIP " + security::maskId(nip)
                 : !nik.empty() ? "NIK " + security::maskId(nik)
                                : query.name + " / " + birthIso;
  const auto& s = settings_;
  try {
    soci::session& sql = store_.session();
    Finder finder(sql, s);
    std::vector<Person> people = !nip.empty() ? finder.byNip(nip)
                                 : !nik.empty()
                                     ? finder.byField("nik", nik, "")
                                     : finder.byField("tgl_lahir", birthIso, normalizedName);
    const Person none;
    const Person& p = people.empty() ? none : people.front();
    report.systems.push_back(
        presenceOf(sql, "simpeg", s.simpegConnector, s.simpegStream, p.simpeg));
    report.systems.push_back(presenceOf(sql, "siasn", s.siasnConnector, s.siasnStream, p.siasn));
    if (people.empty()) {
      report.notes.push_back({"Tidak ditemukan di sistem mana pun (SIMPEG, SIASN)",
                              "not found in any system (SIMPEG, SIASN)"});
      return report;
    }
    report.found = true;
    for (std::size_t i = 1; i < people.size(); ++i)
      report.notes.push_back({"Juga cocok dengan pencarian ini: " + describe(people[i]),
                              "also matches this query: " + describe(people[i])});
    for (SystemPresence& sp : report.systems)
      sp.nipOneDigitOff = sp.found && !nip.empty() && oneDigitOff(nip, sp.nip);

    std::optional<mappings::EmployeeRecord> simpeg, siasn;
    if (p.simpeg) simpeg = detail::recordFromJson(p.simpeg->json);
    if (p.siasn) siasn = detail::recordFromJson(p.siasn->json);
    report.nama = siasn && siasn->has(Field::kNama) ? siasn->get(Field::kNama)
                  : simpeg                          ? simpeg->get(Field::kNama)
                                                    : std::string();

    for (const SystemPresence& sp : report.systems)
      report.checks.push_back(detail::presenceCheck(sp, nip));
    if (simpeg) {
      detail::checkRecord("simpeg", *simpeg, s.asOf, report.checks);
      report.checks.push_back(
          detail::emailUnique("simpeg", simpeg->get(Field::kEmail),
                              otherKeysWithEmail(sql, s.simpegConnector, s.simpegStream, *p.simpeg,
                                                 simpeg->get(Field::kEmail))));
    }
    if (siasn) {
      detail::checkRecord("siasn", *siasn, s.asOf, report.checks);
      report.checks.push_back(
          detail::emailUnique("siasn", siasn->get(Field::kEmail),
                              otherKeysWithEmail(sql, s.siasnConnector, s.siasnStream, *p.siasn,
                                                 siasn->get(Field::kEmail))));
    }
    detail::SourcePair pair{simpeg ? &*simpeg : nullptr,
                            siasn ? &*siasn : nullptr,
                            s.simpegConnector,
                            p.simpeg ? p.simpeg->sourceKey : std::string(),
                            s.siasnConnector,
                            p.siasn ? p.siasn->sourceKey : std::string()};
    report.checks.push_back(detail::identityAgreement(pair));
    report.checks.push_back(detail::contactAgreement(pair));
    report.checks.push_back(detail::unitMappedCheck(sql, s, simpeg ? &*simpeg : nullptr));
    report.checks.push_back(detail::supervisorCheck(
        sql, s, simpeg ? &*simpeg : nullptr, p.simpeg ? p.simpeg->sourceKey : std::string()));
    // A fix already in the outbox is shown with its state, not offered again.
    for (Check& c : report.checks) {
      for (OfferedFix& f : c.offeredFixes) detail::findQueuedFix(sql, f);
      detail::markQueuedFixes(c);
    }
    if (siasn) report.agency = siasn->get(Field::kUnitId);

    // Pushes address SIMPEG by id_pegawai and SIASN by NIP (any NIP this person goes by).
    if (p.simpeg) report.pushes = detail::openPushes(sql, s.simpegConnector, p.simpeg->sourceKey);
    std::set<std::string> nips;
    for (const SystemPresence& sp : report.systems)
      if (!sp.nip.empty()) nips.insert(sp.nip);
    if (!nip.empty()) nips.insert(nip);
    for (const std::string& n : nips)
      for (PushEntry& e : detail::openPushes(sql, s.siasnConnector, n))
        report.pushes.push_back(std::move(e));
    report.checks.push_back(detail::pushesCheck(report.pushes));
  } catch (const std::exception& e) {
    return Error::io("diagnose: reading the store: " + security::maskIdsInText(e.what()));
  }
  return report;
}

}  // namespace sinkron::diagnose

#include "sinkron/connectors/simpeg_db_connector.hpp"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
#include <soci/soci.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdio>
#include <ctime>
#include <deque>
#include <map>

#include "named_parameters.hpp"
#include "record_mapper.hpp"
#include "sinkron/security/masking.hpp"

namespace sinkron::connectors::simpeg {

namespace {

constexpr std::string_view kBeginning = "1000-01-01 00:00:00";  // before any MySQL DATETIME
constexpr std::uint64_t kMaxBatches = 100'000'000;

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

std::string formatTm(const std::tm& t, bool withTime) {
  char text[64];
  if (withTime)
    std::snprintf(text, sizeof text, "%04d-%02d-%02d %02d:%02d:%02d", t.tm_year + 1900,
                  t.tm_mon + 1, t.tm_mday, t.tm_hour, t.tm_min, t.tm_sec);
  else
    std::snprintf(text, sizeof text, "%04d-%02d-%02d", t.tm_year + 1900, t.tm_mon + 1, t.tm_mday);
  return text;
}

// A column's value as text: "" for NULL, dates "yyyy-mm-dd" (with " hh:mm:ss" when the time is
// not midnight or `withTime`).
std::string columnText(const soci::row& row, std::size_t i, bool withTime = false) {
  if (row.get_indicator(i) == soci::i_null) return {};
  switch (row.get_properties(i).get_data_type()) {
    case soci::dt_string:
    case soci::dt_xml:
      return row.get<std::string>(i);
    case soci::dt_double: {
      char text[64];
      std::snprintf(text, sizeof text, "%.15g", row.get<double>(i));
      return text;
    }
    case soci::dt_integer:
      return std::to_string(row.get<int>(i));
    case soci::dt_long_long:
      return std::to_string(row.get<long long>(i));
    case soci::dt_unsigned_long_long:
      return std::to_string(row.get<unsigned long long>(i));
    case soci::dt_date: {
      std::tm t = row.get<std::tm>(i);
      return formatTm(t, withTime || t.tm_hour || t.tm_min || t.tm_sec);
    }
    default:
      return {};
  }
}

// "<updated_at>|<id>" -> parts; "" -> the beginning.
Result<std::pair<std::string, long long>> parseCursor(const std::string& cursor) {
  if (cursor.empty()) return std::pair<std::string, long long>(std::string(kBeginning), 0);
  std::size_t bar = cursor.rfind('|');
  long long id = 0;
  if (bar != std::string::npos) {
    auto [end, ec] = std::from_chars(cursor.data() + bar + 1, cursor.data() + cursor.size(), id);
    if (ec == std::errc() && end == cursor.data() + cursor.size() && bar > 0)
      return std::pair<std::string, long long>(cursor.substr(0, bar), id);
  }
  return Error::parse("simpeg database cursor '" + cursor +
                      "': expected \"<yyyy-mm-dd hh:mm:ss>|<id>\"");
}

}  // namespace

struct SimpegDbConnector::Impl {
  SimpegDbConfig config;
  RecordMapper mapper;

  std::string where(std::string_view what) const {
    return "simpeg database connector '" + config.name + "' (" + config.backend + ") " +
           std::string(what);
  }

  // The driver's text without the password or the connect string.
  std::string scrub(std::string text) const {
    auto hide = [&](const std::string& secret) {
      if (secret.size() < 3) return;
      for (std::size_t at = text.find(secret); at != std::string::npos; at = text.find(secret, at))
        text.replace(at, secret.size(), security::Secret::kRedacted);
    };
    const std::string& connect = config.connect.reveal();
    hide(connect);
    std::size_t p = connect.find("password=");
    if (p != std::string::npos) {
      std::size_t end = connect.find(' ', p);
      hide(connect.substr(p + 9, end == std::string::npos ? std::string::npos : end - p - 9));
    }
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
    return security::maskIdsInText(text);
  }

  Error failed(std::string_view what, const std::exception& e) const {
    return Error::unavailable(where(what) + ": " + scrub(e.what()));
  }

  std::unique_ptr<soci::session> open() const {
    return std::make_unique<soci::session>(config.backend, config.connect.reveal());
  }

  Result<PullStats> pullPegawai(const PullRequest& request, PullSink& sink);
  Result<PushResult> runStatement(const std::string& statement, const std::string& sql,
                                  const Change& change);
};

Result<std::unique_ptr<SimpegDbConnector>> SimpegDbConnector::create(SimpegDbConfig config) {
  if (Status s = config.validate(); !s) return s.error();
  Result<RecordMapper> mapper = RecordMapper::load(config.mapping);
  if (!mapper)
    return Error::invalid("simpeg database connector '" + config.name +
                          "': mapping: " + mapper.error().message);
  auto impl = std::unique_ptr<Impl>(new Impl{std::move(config), std::move(*mapper)});
  return std::unique_ptr<SimpegDbConnector>(new SimpegDbConnector(std::move(impl)));
}

SimpegDbConnector::SimpegDbConnector(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
SimpegDbConnector::~SimpegDbConnector() = default;

std::string SimpegDbConnector::name() const {
  return impl_->config.name;
}

std::vector<std::string> SimpegDbConnector::streams() const {
  return {"pegawai"};
}

Status SimpegDbConnector::testConnection() {
  try {
    std::unique_ptr<soci::session> sql = impl_->open();
    int one = 0;
    *sql << "SELECT 1", soci::into(one);
    return {};
  } catch (const std::exception& e) {
    return impl_->failed("connection test", e);
  }
}

Result<PullStats> SimpegDbConnector::pull(const PullRequest& request, PullSink& sink) {
  if (request.stream != "pegawai")
    return Error::invalid(
        impl_->where("unknown stream '" + request.stream + "' (one of: pegawai)"));
  return impl_->pullPegawai(request, sink);
}

Result<PullStats> SimpegDbConnector::Impl::pullPegawai(const PullRequest& request, PullSink& sink) {
  Result<std::pair<std::string, long long>> from = parseCursor(request.cursor);
  if (!from) return from.error();
  std::string since = from->first;
  long long lastId = from->second;
  long long limit = config.batchSize;
  const std::string& query = config.queries.at("pegawai");
  const std::string updatedColumn = lower(config.updatedAtColumn);
  const std::string idColumn = lower(config.idColumn);
  PullStats stats;
  stats.cursor = request.cursor;
  std::vector<std::string> issues;
  std::unique_ptr<soci::session> sql;
  try {
    sql = open();
  } catch (const std::exception& e) {
    return failed("connect", e);
  }
  for (std::uint64_t batches = 0; batches < kMaxBatches; ++batches) {
    PullBatch batch;
    std::string lastUpdated;
    long long batchLastId = lastId;
    try {
      soci::rowset<soci::row> rows = (sql->prepare << query, soci::use(since, "updated_since"),
                                      soci::use(lastId, "last_id"), soci::use(limit, "limit"));
      std::map<std::string, std::size_t> columns;  // lower-case name -> index
      for (const soci::row& row : rows) {
        if (columns.empty()) {
          for (std::size_t i = 0; i < row.size(); ++i)
            columns[lower(row.get_properties(i).get_name())] = i;
          if (!columns.count(updatedColumn) || !columns.count(idColumn))
            return Error::invalid(where("query 'pegawai': result has no column '" +
                                        config.updatedAtColumn + "' or '" + config.idColumn +
                                        "' (they make the cursor)"));
        }
        PulledItem item;
        item.stream = "pegawai";
        rapidjson::StringBuffer buffer;
        rapidjson::Writer<rapidjson::StringBuffer> json(buffer);
        json.StartObject();
        std::map<std::string, std::string> values;
        for (const auto& [column, i] : columns) {
          std::string text = columnText(row, i, column == updatedColumn);
          json.Key(column.c_str(), static_cast<rapidjson::SizeType>(column.size()));
          if (row.get_indicator(i) == soci::i_null)
            json.Null();
          else
            json.String(text.c_str(), static_cast<rapidjson::SizeType>(text.size()));
          values.emplace(column, std::move(text));
        }
        json.EndObject();
        item.json.assign(buffer.GetString(), buffer.GetSize());
        item.record = mapper.fromLookup(
            [&](std::string_view name) -> std::optional<std::string> {
              auto it = values.find(std::string(name));
              if (it == values.end()) return std::nullopt;
              return it->second;
            },
            issues);
        item.key = values[idColumn];
        lastUpdated = values[updatedColumn];
        auto [end, ec] =
            std::from_chars(item.key.data(), item.key.data() + item.key.size(), batchLastId);
        if (ec != std::errc() || lastUpdated.empty())
          return Error::parse(where("query 'pegawai': row with " + config.idColumn + " '" +
                                    item.key + "' has no numeric id or no " +
                                    config.updatedAtColumn));
        batch.items.push_back(std::move(item));
      }
    } catch (const std::exception& e) {
      return failed("query 'pegawai'", e);
    }
    for (std::string& issue : issues)
      if (stats.errorMessages.size() < 100) stats.errorMessages.push_back(std::move(issue));
    issues.clear();
    if (batch.items.empty()) return stats;
    batch.cursorAfter = lastUpdated + "|" + std::to_string(batchLastId);
    if (Status s = sink.store(batch); !s) return s.error();
    ++stats.batches;
    stats.items += batch.items.size();
    stats.cursor = batch.cursorAfter;
    if (static_cast<long long>(batch.items.size()) < limit) return stats;
    since = lastUpdated;
    lastId = batchLastId;
  }
  return Error::internal(where("query 'pegawai': too many batches"));
}

Result<PushResult> SimpegDbConnector::push(const Change& change) {
  auto it = impl_->config.statements.find(change.kind);
  if (it == impl_->config.statements.end()) {
    std::string names;
    for (const auto& [n, s] : impl_->config.statements) names += (names.empty() ? "" : ", ") + n;
    return Error::unsupported(impl_->where(
        "push '" + change.kind +
        "': no such configured statement (configured: " + (names.empty() ? "none" : names) + ")"));
  }
  return impl_->runStatement(it->first, it->second, change);
}

Result<PushResult> SimpegDbConnector::Impl::runStatement(const std::string& statement,
                                                         const std::string& text,
                                                         const Change& change) {
  const std::string what = "statement '" + statement + "'";
  rapidjson::Document body;
  body.Parse(change.json.data(), change.json.size());
  if (body.HasParseError() || !body.IsObject())
    return Error::invalid(where(what + ": the change must be a JSON object of parameters"));
  std::vector<std::string> params = namedParameters(text);
  for (const auto& m : body.GetObject()) {
    std::string name(m.name.GetString(), m.name.GetStringLength());
    if (std::find(params.begin(), params.end(), name) == params.end())
      return Error::invalid(where(what + ": unknown parameter '" + name + "'"));
  }
  // Values with stable addresses for the statement's lifetime.
  std::deque<std::string> strings;
  std::deque<long long> integers;
  std::deque<double> reals;
  std::deque<soci::indicator> indicators;
  try {
    std::unique_ptr<soci::session> sql = open();
    soci::transaction tx(*sql);
    soci::statement st(*sql);
    for (const std::string& name : params) {
      auto m = body.FindMember(name.c_str());
      if (m == body.MemberEnd())
        return Error::invalid(where(what + ": parameter '" + name + "' is missing in the change"));
      const rapidjson::Value& v = m->value;
      if (v.IsNull()) {
        strings.emplace_back();
        indicators.push_back(soci::i_null);
        st.exchange(soci::use(strings.back(), indicators.back(), name));
      } else if (v.IsInt64()) {
        integers.push_back(v.GetInt64());
        st.exchange(soci::use(integers.back(), name));
      } else if (v.IsNumber()) {
        reals.push_back(v.GetDouble());
        st.exchange(soci::use(reals.back(), name));
      } else if (v.IsString()) {
        strings.emplace_back(v.GetString(), v.GetStringLength());
        st.exchange(soci::use(strings.back(), name));
      } else if (v.IsBool()) {
        integers.push_back(v.GetBool() ? 1 : 0);
        st.exchange(soci::use(integers.back(), name));
      } else {
        return Error::invalid(
            where(what + ": parameter '" + name + "' must be text, a number, a boolean or null"));
      }
    }
    st.alloc();
    st.prepare(text);
    st.define_and_bind();
    st.execute(true);
    long long affected = st.get_affected_rows();
    tx.commit();
    PushResult result;
    result.applied = affected > 0;
    result.targetId = change.targetKey;
    result.message = statement + ": " + std::to_string(affected) + " row(s) changed";
    return result;
  } catch (const std::exception& e) {
    return failed(what, e);
  }
}

}  // namespace sinkron::connectors::simpeg

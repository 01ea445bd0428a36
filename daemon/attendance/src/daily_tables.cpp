#include "daily_tables.hpp"

#include <soci/soci.h>

namespace sinkron::attendance::detail {
namespace {

int intAt(const soci::row& r, std::size_t i) {
  switch (r.get_properties(i).get_data_type()) {
    case soci::dt_integer:
      return r.get<int>(i);
    case soci::dt_long_long:
      return static_cast<int>(r.get<long long>(i));
    case soci::dt_unsigned_long_long:
      return static_cast<int>(r.get<unsigned long long>(i));
    default:
      return std::stoi(r.get<std::string>(i));
  }
}

std::optional<std::string> optionalText(const soci::row& r, std::size_t i) {
  if (r.get_indicator(i) != soci::i_ok) return std::nullopt;
  return r.get<std::string>(i);
}

std::string textOrEmpty(const soci::row& r, std::size_t i) {
  return optionalText(r, i).value_or(std::string());
}

// Bound variables of the attendance_daily upsert.
struct DailyBinding {
  std::string nip, day, firstIn, lastOut, status;
  soci::indicator firstInd = soci::i_null, lastInd = soci::i_null;
  int late = 0;
  std::int64_t now = 0;

  void set(const DailyRow& row, std::int64_t at) {
    nip = row.nip;
    day = row.day;
    firstIn = row.firstIn.value_or("");
    firstInd = row.firstIn ? soci::i_ok : soci::i_null;
    lastOut = row.lastOut.value_or("");
    lastInd = row.lastOut ? soci::i_ok : soci::i_null;
    status = row.status;
    late = row.lateMinutes;
    now = at;
  }

  soci::statement prepare(soci::session& sql) {
    return (sql.prepare << "INSERT INTO attendance_daily (nip, day, first_in, last_out, status, "
                           "late_minutes, updated_at) VALUES (:n, :d, :f, :l, :s, :m, :t) "
                           "ON CONFLICT (nip, day) DO UPDATE SET first_in = excluded.first_in, "
                           "last_out = excluded.last_out, status = excluded.status, "
                           "late_minutes = excluded.late_minutes, updated_at = excluded.updated_at",
            soci::use(nip), soci::use(day), soci::use(firstIn, firstInd),
            soci::use(lastOut, lastInd), soci::use(status), soci::use(late), soci::use(now));
  }
};

}  // namespace

void ensureTables(soci::session& sql) {
  // Inside the caller's transaction: silences PostgreSQL's "already exists, skipping" notices.
  if (sql.get_backend_name() == "postgresql") sql << "SET LOCAL client_min_messages = warning";
  sql << "CREATE TABLE IF NOT EXISTS attendance_epresensi (nip TEXT NOT NULL, day TEXT NOT NULL, "
         "jam_in TEXT NOT NULL, jam_out TEXT NOT NULL, status TEXT NOT NULL, "
         "lokasi TEXT NOT NULL, updated_at BIGINT NOT NULL, PRIMARY KEY (nip, day))";
  sql << "CREATE INDEX IF NOT EXISTS attendance_epresensi_day ON attendance_epresensi (day)";
  sql << "CREATE INDEX IF NOT EXISTS attendance_daily_day ON attendance_daily (day)";
}

void upsertEpresensi(soci::session& sql, const EpresensiDay& row, std::int64_t now) {
  EpresensiDay r = row;
  sql << "INSERT INTO attendance_epresensi (nip, day, jam_in, jam_out, status, lokasi, "
         "updated_at) VALUES (:n, :d, :i, :o, :s, :l, :t) ON CONFLICT (nip, day) DO UPDATE SET "
         "jam_in = excluded.jam_in, jam_out = excluded.jam_out, status = excluded.status, "
         "lokasi = excluded.lokasi, updated_at = excluded.updated_at",
      soci::use(r.nip), soci::use(r.day), soci::use(r.jamIn), soci::use(r.jamOut),
      soci::use(r.status), soci::use(r.lokasi), soci::use(now);
}

std::vector<EpresensiDay> epresensiOfDay(soci::session& sql, const std::string& day) {
  std::vector<EpresensiDay> out;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT nip, jam_in, jam_out, status, lokasi FROM attendance_epresensi "
                      "WHERE day = :d ORDER BY nip",
       soci::use(day));
  for (const soci::row& r : rows)
    out.push_back(EpresensiDay{textOrEmpty(r, 0), day, textOrEmpty(r, 1), textOrEmpty(r, 2),
                               textOrEmpty(r, 3), textOrEmpty(r, 4)});
  return out;
}

std::map<std::string, DailyRow> dailyRowsOfDay(soci::session& sql, const std::string& day) {
  std::map<std::string, DailyRow> out;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT nip, first_in, last_out, status, late_minutes FROM "
                      "attendance_daily WHERE day = :d",
       soci::use(day));
  for (const soci::row& r : rows) {
    DailyRow row{textOrEmpty(r, 0), day,        optionalText(r, 1), optionalText(r, 2),
                 textOrEmpty(r, 3), intAt(r, 4)};
    out.emplace(row.nip, std::move(row));
  }
  return out;
}

void upsertDaily(soci::session& sql, const DailyRow& row, std::int64_t now) {
  DailyBinding b;
  b.set(row, now);
  soci::statement upsert = b.prepare(sql);
  upsert.execute(true);
}

WriteCounts replaceDay(soci::session& sql, const std::string& day,
                       const std::map<std::string, DailyRow>& rows, std::int64_t now) {
  WriteCounts counts;
  const std::map<std::string, DailyRow> existing = dailyRowsOfDay(sql, day);
  DailyBinding b;
  soci::statement upsert = b.prepare(sql);
  std::string staleNip, staleDay = day;
  soci::statement remove =
      (sql.prepare << "DELETE FROM attendance_daily WHERE nip = :n AND day = :d",
       soci::use(staleNip), soci::use(staleDay));
  for (const auto& [nip, row] : rows) {
    auto old = existing.find(nip);
    if (old != existing.end() && old->second == row) {
      ++counts.unchanged;
      continue;
    }
    b.set(row, now);
    upsert.execute(true);
    ++(old == existing.end() ? counts.inserted : counts.changed);
  }
  for (const auto& [nip, row] : existing) {
    if (rows.count(nip) != 0) continue;
    staleNip = nip;
    remove.execute(true);
    ++counts.removed;
  }
  return counts;
}

}  // namespace sinkron::attendance::detail

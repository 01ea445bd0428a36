#include "report_tables.hpp"

#include <cstdio>

#include "sinkron/security/masking.hpp"

namespace sinkron::agency_report {

std::string isoDateOf(std::chrono::year_month_day d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", int(d.year()), unsigned(d.month()),
                unsigned(d.day()));
  return buf;
}

std::string isoDate(std::chrono::year_month_day d) {
  return isoDateOf(d);
}

namespace {

Table summary(const AgencyReport& r) {
  const AgencyTotals& t = r.totals;
  Table s{"Ringkasan", "Ringkasan", {"Uraian", "Nilai"}, {}};
  auto add = [&](const char* label, Cell value) { s.rows.push_back({label, std::move(value)}); };
  add("Instansi (unorId)", r.agency);
  add("Nama instansi", r.agencyName);
  add("Tahun", r.year);
  add("Bulan", r.month);
  add("Periode SKP", "TW" + std::to_string(r.quarter));
  add("Batas waktu SKP", isoDate(r.skpDeadline));
  add("Per tanggal", isoDate(r.asOf));
  add("Sisa hari SKP", r.skpDaysLeft);
  add("Batas waktu SKP tahunan", isoDate(r.skpAnnualDeadline));
  add("Sisa hari SKP tahunan", r.skpAnnualDaysLeft);
  add("Jumlah pegawai", t.employees);
  add("Cocok", t.matched);
  add("Cocok dengan perbedaan", t.matchedWithDifferences);
  add("Hanya di SIMPEG", t.onlySimpeg);
  add("Hanya di SIASN", t.onlySiasn);
  add("Perlu ditinjau", t.review);
  add("SKP tidak ada data", t.skpNoData);
  add("SKP belum mengisi", t.skpNotFilled);
  add("SKP sudah mengisi", t.skpFilled);
  add("SKP selesai", t.skpFinished);
  add("SKP tahunan tidak ada data", t.annualNoData);
  add("SKP tahunan belum mengisi", t.annualNotFilled);
  add("SKP tahunan sudah mengisi", t.annualFilled);
  add("SKP tahunan selesai", t.annualFinished);
  add("Total JP pelatihan", t.trainingJp);
  add("Pegawai mencapai 20 JP", t.trainingTargetMet);
  add("Pelatihan terkirim ke SIASN", t.trainingPushed);
  add("Pelatihan belum terkirim", t.trainingNotPushed);
  add("Hari hadir", t.daysPresent);
  add("Hari terlambat", t.lateDays);
  add("Menit terlambat", t.lateMinutes);
  add("Izin (I)", t.izin);
  add("Sakit (S)", t.sakit);
  add("Cuti (C)", t.cuti);
  add("Dinas luar (DL)", t.dinasLuar);
  add("Tanpa keterangan (TK)", t.tanpaKeterangan);
  return s;
}

std::string joined(const std::vector<std::string>& v) {
  std::string out;
  for (const std::string& s : v) out += (out.empty() ? "" : ", ") + s;
  return out;
}

}  // namespace

std::vector<Table> reportTables(const AgencyReport& r, bool maskNips) {
  auto nip = [&](const std::string& n) { return maskNips ? security::maskId(n) : n; };
  std::vector<Table> out{summary(r)};
  Table recon{"Rekonsiliasi",
              "Rekonsiliasi SIMPEG–SIASN",
              {"NIP", "Nama", "Kunci SIMPEG", "Kunci SIASN", "Status", "Data berbeda"},
              {}};
  Table skp{"SKP",
            "Penilaian SKP",
            {"NIP", "Nama", "Periode", "Status", "Predikat", "Batas waktu", "Sisa hari"},
            {}};
  Table annual{"SKP Tahunan",
               "Penilaian SKP tahunan",
               {"NIP", "Nama", "Periode", "Status", "Predikat", "Batas waktu", "Sisa hari"},
               {}};
  Table training{"Pelatihan",
                 "Pelatihan (target 20 JP per tahun)",
                 {"NIP", "Nama", "Jumlah pelatihan", "Total JP", "Target JP", "Tercapai",
                  "Terkirim ke SIASN", "Belum terkirim"},
                 {}};
  Table presence{"Presensi",
                 "Presensi bulanan",
                 {"NIP", "Nama", "Hari tercatat", "Hadir", "Hari terlambat", "Menit terlambat", "I",
                  "S", "C", "DL", "TK"},
                 {}};
  const std::string period = "TW" + std::to_string(r.quarter) + " " + std::to_string(r.year);
  const std::string annualPeriod = "TAHUNAN " + std::to_string(r.year);
  for (const EmployeeRow& e : r.employees) {
    // The SIMPEG key is often the NIP itself: masked like one.
    recon.rows.push_back({nip(e.nip), e.name,
                          maskNips ? security::maskId(e.simpegKey) : e.simpegKey, nip(e.siasnKey),
                          reconStatusName(e.recon), joined(e.differingFields)});
    skp.rows.push_back({nip(e.nip), e.name, period, skpStatusName(e.skp), e.predikat,
                        isoDate(r.skpDeadline), r.skpDaysLeft});
    annual.rows.push_back({nip(e.nip), e.name, annualPeriod, skpStatusName(e.annualSkp),
                           e.annualPredikat, isoDate(r.skpAnnualDeadline), r.skpAnnualDaysLeft});
    training.rows.push_back({nip(e.nip), e.name, int(e.trainings.size()), e.trainingJp,
                             AgencyReport::kTrainingTargetJp,
                             e.trainingJp >= AgencyReport::kTrainingTargetJp ? "Ya" : "Tidak",
                             e.trainingPushed, e.trainingNotPushed});
    const AttendanceFigures& a = e.attendance;
    presence.rows.push_back({nip(e.nip), e.name, a.daysRecorded, a.daysPresent, a.lateDays,
                             a.lateMinutes, a.izin, a.sakit, a.cuti, a.dinasLuar,
                             a.tanpaKeterangan});
  }
  out.push_back(std::move(recon));
  out.push_back(std::move(skp));
  out.push_back(std::move(annual));
  out.push_back(std::move(training));
  out.push_back(std::move(presence));
  return out;
}

}  // namespace sinkron::agency_report

// The report as a table for the helpdesk, in one language; every NIP/NIK masked.
#include <cstdio>
#include <ctime>

#include "sinkron/diagnose/report_render.hpp"
#include "sinkron/security/masking.hpp"

namespace sinkron::diagnose {
namespace {

std::string padded(std::string_view s, std::size_t width) {
  std::string out(s);
  if (out.size() < width) out.append(width - out.size(), ' ');
  return out + ' ';
}

std::string systemLabel(std::string_view system) {
  return system == "simpeg" ? "SIMPEG" : system == "siasn" ? "SIASN" : "-";
}

std::string score(const std::optional<double>& s) {
  if (!s) return "";
  char buf[32];
  std::snprintf(buf, sizeof buf, " %.2f", *s);
  return buf;
}

std::string isoTimeMs(std::int64_t ms) {
  std::time_t t = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M UTC", &tm);
  return buf;
}

// "" for a fix to approve; else where it already is, so nobody approves it twice.
std::string fixState(const OfferedFix& f, bool id) {
  if (f.outboxStatus.empty()) return "";
  const std::string ref = "#" + std::to_string(f.outboxId) + " ";
  if (f.outboxStatus == "delivered")
    return (id ? "Sudah terkirim " : "Delivered ") + ref +
           (f.deliveredAtMs ? (id ? "pada " : "at ") + isoTimeMs(*f.deliveredAtMs) : "") + ": ";
  if (f.outboxStatus == "dead")
    return (id ? "Gagal (dead letter) " : "Dead-lettered ") + ref + ": ";
  return (id ? "Sudah antri " : "Queued ") + ref + "(" + f.outboxStatus + "): ";
}

}  // namespace

std::string toText(const DiagnoseReport& r, Lang lang) {
  const bool id = lang == Lang::kId;
  std::string out = (id ? "Diagnosa: " : "Diagnosis: ") + r.query;
  if (!r.nama.empty()) out += " - " + r.nama;
  out += "\n\n";
  out += padded(id ? "Sistem" : "System", 7) + padded(id ? "Ada" : "Found", 6) +
         padded(id ? "Kunci" : "Key", 20) + padded("NIP", 23) + padded(id ? "Tautan" : "Link", 16) +
         (id ? "Pegawai" : "Employee") + "\n";
  for (const SystemPresence& s : r.systems) {
    std::string found = s.found ? (id ? "ya" : "yes") : (id ? "tidak" : "no");
    std::string nip = s.nip + (s.nipOneDigitOff ? " (!)" : "");
    out += padded(systemLabel(s.system), 7) + padded(found, 6) + padded(s.sourceKey, 20) +
           padded(nip, 23) + padded(s.linkDecision + score(s.linkScore), 16) +
           (s.employeeId ? std::string("#").append(std::to_string(*s.employeeId)) : std::string()) +
           "\n";
  }
  if (!r.checks.empty()) {
    out += '\n';
    out += padded("Status", 6) + padded(id ? "Sistem" : "System", 7) +
           padded(id ? "Pemeriksaan" : "Check", 20) + (id ? "Keterangan" : "Finding") + "\n";
    const std::string indent(36, ' ');
    for (const Check& c : r.checks) {
      out += padded(checkStatusName(c.status), 6) + padded(systemLabel(c.system), 7) +
             padded(c.code, 20) + c.message.in(lang) + "\n";
      if (!c.fix.in(lang).empty())
        out += indent + (id ? "Perbaikan: " : "Fix: ") + c.fix.in(lang) + "\n";
      for (const OfferedFix& f : c.offeredFixes)
        out += indent +
               (f.outboxStatus.empty()
                    ? (id ? "Dapat dikirim sinkron (perlu persetujuan, fix " + f.fixId() + "): "
                          : "sinkron can push (needs approval, fix " + f.fixId() + "): ")
                    : fixState(f, id)) +
               f.connector + " " + f.kind + " " + f.targetKey + " " + f.json + "\n";
    }
  }
  if (!r.pushes.empty()) {
    out += id ? "\nPengiriman terbuka:\n" : "\nOpen pushes:\n";
    for (const PushEntry& p : r.pushes)
      out += std::string("  #").append(std::to_string(p.id)) + " " + p.connector + " " + p.kind +
             " " + p.targetKey + " " + p.status + (p.lastError.empty() ? "" : ": " + p.lastError) +
             "\n";
  }
  if (!r.refreshed.empty()) {
    out += id ? "\nTarik ulang:\n" : "\nRe-pulled:\n";
    for (const RefreshedSystem& x : r.refreshed)
      out +=
          "  " + x.connector + " (" + x.system + "): " +
          (x.ok ? (id ? "ok, " : "ok, ") + std::to_string(x.records) + (id ? " data" : " records")
                : (id ? "GAGAL: " : "FAILED: ") + x.error) +
          "\n";
  }
  for (const Text& n : r.notes) out += "\n" + n.in(lang) + "\n";
  return security::maskIdsInText(out);
}

}  // namespace sinkron::diagnose

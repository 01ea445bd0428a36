#include "messages.hpp"

#include <cstdlib>
#include <cstring>
#include <unordered_map>

namespace sinkron::daemon::cli {
namespace {

Lang g_lang = langFromLocale();

// key, Bahasa Indonesia, English. Placeholders ({}) come in the same order in both.
const std::vector<CatalogEntry> kCatalog = {
    // Table headings.
    {"col.id", "ID", "ID"},
    {"col.job", "TUGAS", "JOB"},
    {"col.running", "BERJALAN", "RUNNING"},
    {"col.queued", "ANTRE", "QUEUED"},
    {"col.next_run", "JADWAL BERIKUT", "NEXT RUN"},
    {"col.last_finished", "TERAKHIR SELESAI", "LAST FINISHED"},
    {"col.runs", "JUMLAH", "RUNS"},
    {"col.connector", "KONEKTOR", "CONNECTOR"},
    {"col.type", "JENIS", "TYPE"},
    {"col.base_url", "ALAMAT", "BASE URL"},
    {"col.last_pull", "TARIK TERAKHIR", "LAST PULL"},
    {"col.trigger", "PEMICU", "TRIGGER"},
    {"col.status", "STATUS", "STATUS"},
    {"col.started", "MULAI", "STARTED"},
    {"col.duration", "DURASI", "DURATION"},
    {"col.error", "GALAT", "ERROR"},
    {"col.step", "LANGKAH", "STEP"},
    {"col.detail", "RINCIAN", "DETAIL"},
    {"col.field", "ISIAN", "FIELD"},
    {"col.left", "KIRI", "LEFT"},
    {"col.right", "KANAN", "RIGHT"},
    {"col.created", "DIBUAT", "CREATED"},
    {"col.note", "CATATAN", "NOTE"},
    {"col.system", "SISTEM", "SYSTEM"},
    {"col.key", "KUNCI", "KEY"},
    {"col.linked", "TERTAUT", "LINKED"},
    {"col.nip", "NIP", "NIP"},
    {"col.name", "NAMA", "NAME"},
    {"col.missing_since", "HILANG SEJAK", "MISSING SINCE"},
    {"col.kind", "JENIS", "KIND"},
    {"col.attempts", "PERCOBAAN", "ATTEMPTS"},
    {"col.target", "TUJUAN", "TARGET"},
    {"col.natural_key", "KUNCI ALAMI", "NATURAL KEY"},
    {"col.last_error", "GALAT TERAKHIR", "LAST ERROR"},
    {"col.reason", "ALASAN", "REASON"},
    {"col.found", "ADA", "FOUND"},
    {"col.link", "TAUTAN", "LINK"},
    {"col.employee", "PEGAWAI", "EMPLOYEE"},
    {"col.check", "PEMERIKSAAN", "CHECK"},
    {"col.finding", "KETERANGAN", "FINDING"},
    // Status words.
    {"state.ok", "berhasil", "ok"},
    {"state.partial", "sebagian", "partial"},
    {"state.failed", "gagal", "failed"},
    {"state.running", "berjalan", "running"},
    {"state.skipped", "dilewati", "skipped"},
    {"state.interrupted", "terputus", "interrupted"},
    {"state.open", "terbuka", "open"},
    {"state.resolved", "selesai", "resolved"},
    {"word.yes", "ya", "yes"},
    {"word.no", "tidak", "no"},
    // The admin API client.
    {"client.no_url",
     "alamat admin API tidak diketahui: beri --url, set SINKRON_URL, atau --config berkas yang "
     "punya bagian admin:",
     "no admin API address: give --url, set SINKRON_URL, or --config with a file that has an "
     "admin: section"},
    {"client.config_no_admin",
     "{}: tidak ada bagian admin: dengan port tetap; beri --url atau SINKRON_URL",
     "{}: no admin: section with a fixed port; give --url or SINKRON_URL"},
    {"client.bad_url", "alamat admin API '{}' harus diawali http:// atau https://",
     "admin API address '{}' must start with http:// or https://"},
    {"client.no_token",
     "tidak ada token: beri --token-file BERKAS, atau set SINKRON_TOKEN_FILE atau SINKRON_TOKEN "
     "(buat dengan `sinkron token create`)",
     "no token: give --token-file FILE, or set SINKRON_TOKEN_FILE or SINKRON_TOKEN (create one "
     "with `sinkron token create`)"},
    {"client.token_file_unreadable", "berkas token {} tidak dapat dibaca",
     "token file {} cannot be read"},
    {"client.token_file_empty", "berkas token {} kosong", "token file {} is empty"},
    {"client.unreachable", "{} {}: daemon tidak dapat dihubungi ({})",
     "{} {}: the daemon cannot be reached ({})"},
    {"client.unauthorized", "{} {}: ditolak (401): token tidak dikenal atau sudah dicabut: {}",
     "{} {}: refused (401): the token is unknown or revoked: {}"},
    {"client.forbidden", "{} {}: ditolak (403): peran token ini tidak boleh: {}",
     "{} {}: refused (403): this token's role may not do this: {}"},
    {"client.http_error", "{} {}: HTTP {}: {}", "{} {}: HTTP {}: {}"},
    {"client.not_json", "{}: jawaban bukan JSON", "{}: the answer is not JSON"},
    // status
    {"status.daemon_at", "daemon di {}", "daemon at {}"},
    {"status.running_run", "sedang berjalan: run {}", "running now: run {}"},
    {"status.shutting_down", "daemon sedang berhenti", "the daemon is shutting down"},
    {"status.outbox",
     "outbox: {} menunggu, {} dikirim, {} terkirim, {} mati ({} surat mati menunggu orang)",
     "outbox: {} pending, {} delivering, {} delivered, {} dead ({} dead letters waiting)"},
    // runs
    {"runs.none", "belum ada run", "no runs yet"},
    {"runs.header", "run {}: {} {} (pemicu: {})", "run {}: {} {} (trigger: {})"},
    {"runs.started", "mulai {}, durasi {}", "started {}, took {}"},
    {"runs.error", "galat: {}", "error: {}"},
    {"runs.progress", "sekarang: {} {}/{}", "now: {} {}/{}"},
    // conflicts
    {"conflicts.none", "tidak ada konflik ({})", "no conflicts ({})"},
    {"conflicts.need_decision", "pilih satu: --take left|right, --value NILAI, atau --dismiss",
     "choose one: --take left|right, --value VALUE, or --dismiss"},
    {"conflicts.resolved", "konflik {} diputuskan: {}", "conflict {} resolved: {}"},
    {"conflicts.queued", "antrean kirim: {}", "pushes queued: {}"},
    {"conflicts.nothing_queued", "tidak ada yang perlu dikirim", "nothing to push"},
    // lookup
    {"lookup.need_query", "beri --nip, --nik atau --name", "give --nip, --nik or --name"},
    {"lookup.none", "pegawai tidak ditemukan", "no employee found"},
    {"lookup.person", "{} · NIP {} · lahir {} · {}", "{} · NIP {} · born {} · {}"},
    {"lookup.unit", "unit kerja: {} ({})", "unit: {} ({})"},
    // sync --remote
    {"sync.need_config", "beri --config BERKAS (atau --remote untuk daemon yang berjalan)",
     "give --config FILE (or --remote for the running daemon)"},
    {"sync.remote_started", "{}: run sinkronisasi dimulai", "{}: sync run started"},
    {"sync.remote_queued", "{}: run sinkronisasi diantrekan (menunggu run yang berjalan)",
     "{}: sync run queued (waits for the running one)"},
    {"sync.remote_already_queued", "{}: run sinkronisasi sudah dalam antrean",
     "{}: a sync run was already queued"},
    {"sync.remote_done", "run {}: {} dalam {}", "run {}: {} in {}"},
    {"sync.follow_gave_up", "berhenti menunggu run {} setelah {}",
     "gave up waiting for run {} after {}"},
    {"progress.rate", "{}/dtk", "{}/s"},
    {"progress.eta", "sisa {}", "ETA {}"},
    {"progress.step_done", "  {:<24} {:<10} {}", "  {:<24} {:<10} {}"},
    // The sync cycle's summary (`sinkron sync`, `serve --once`).
    {"summary.head", "siklus sinkronisasi: run {} {} dalam {:.1f} dtk ({} permintaan)",
     "sync cycle: run {} {} in {:.1f} s ({} requests)"},
    {"summary.pulled", "  ditarik {:<33} {:>8}", "  pulled {:<34} {:>8}"},
    {"summary.vanished", "  hilang dari sumber (ditandai)           {:>8}",
     "  vanished from a source (flagged)        {:>8}"},
    {"summary.matched", "  cocok                                    {:>8}",
     "  matched                                  {:>8}"},
    {"summary.matched_diff",
     "  cocok dengan perbedaan                   {:>8}  ({} perbedaan isian)",
     "  matched with differences                 {:>8}  ({} field differences)"},
    {"summary.review", "  tinjau (diputuskan orang)                {:>8}",
     "  review (a person decides)                {:>8}"},
    {"summary.only_simpeg", "  hanya di SIMPEG                          {:>8}",
     "  only in SIMPEG                           {:>8}"},
    {"summary.only_siasn", "  hanya di SIASN                           {:>8}",
     "  only in SIASN                            {:>8}"},
    {"summary.duplicates", "  duplikat                                 {:>8}",
     "  duplicates                               {:>8}"},
    {"summary.anomalies", "  anomali                                  {:>8}",
     "  anomalies                                {:>8}"},
    {"summary.training", "  penyelesaian pelatihan terpetakan        {:>8}  ({} tidak terpetakan)",
     "  training completions resolved            {:>8}  ({} unresolved)"},
    {"summary.queued",
     "  diantrekan                               {:>8}  ({} sudah antre sebelumnya)",
     "  queued                                   {:>8}  ({} already queued before)"},
    {"summary.previewed", "  pratinjau (tidak dikirim)                {:>8}",
     "  previewed (not sent)                     {:>8}"},
    {"summary.pushed", "  dikirim                                  {:>8}  ({} sudah ada di tujuan)",
     "  pushed                                   {:>8}  ({} already in the target)"},
    {"summary.retry", "  coba lagi nanti                          {:>8}  (outbox menunggu: {})",
     "  retry later                              {:>8}  (outbox pending: {})"},
    {"summary.dead", "  surat mati                               {:>8}  (menunggu orang: {})",
     "  dead-lettered                            {:>8}  (waiting for a person: {})"},
    {"summary.attendance",
     "  hari presensi direkap                    {:>8}  ({} pindaian PIN tak terpetakan)",
     "  attendance days rolled up                {:>8}  ({} punches of unmapped PINs)"},
    {"summary.conflicts", "  konflik dibuka                           {:>8}",
     "  conflicts opened                         {:>8}"},
    {"summary.problem", "  masalah: {}", "  problem: {}"},
    {"summary.run_folder", "  folder run: {}", "  run folder: {}"},
    {"summary.report", "  laporan: {}", "  report: {}"},
    {"summary.preview", "  pratinjau: {}", "  preview: {}"},
    // token, outbox, dlq
    {"token.created", "token untuk {} ({}) dibuat; hanya ditampilkan sekarang",
     "token for {} ({}) created; it is shown only now"},
    {"token.heading", "{:<24} {:<10} {:<8} {}", "{:<24} {:<10} {:<8} {}"},
    {"token.col_name", "nama", "name"},
    {"token.col_role", "peran", "role"},
    {"token.col_state", "keadaan", "state"},
    {"token.col_agencies", "instansi", "agencies"},
    {"token.active", "aktif", "active"},
    {"token.revoked_state", "dicabut", "revoked"},
    {"token.all", "semua", "all"},
    {"token.revoked", "{} dicabut", "revoked {}"},
    {"outbox.counts",
     "outbox: {} menunggu, {} dikirim, {} terkirim, {} mati ({} surat mati menunggu)",
     "outbox: {} pending, {} delivering, {} delivered, {} dead ({} dead letters waiting)"},
    {"outbox.col_id", "id", "id"},
    {"outbox.col_connector", "konektor", "connector"},
    {"outbox.col_kind", "jenis", "kind"},
    {"outbox.col_attempts", "percobaan", "attempts"},
    {"outbox.col_key", "kunci alami / galat terakhir", "natural key / last error"},
    {"outbox.col_status", "status", "status"},
    {"outbox.col_reason", "alasan", "reason"},
    {"dlq.replayed", "{} dari {} surat mati dikirim ulang", "replayed {} of {} dead letters"},
    {"dlq.discarded", "{} dari {} surat mati dibuang", "discarded {} of {} dead letters"},
    {"outbox.none", "tidak ada entri outbox ({})", "no outbox entries ({})"},
    {"dlq.none", "tidak ada surat mati", "no dead letters"},
    // --local: the store-direct path of outbox, dlq, diagnose and report
    {"local.need_config", "--local perlu --config BERKAS (konfigurasi daemon yang menyebut store)",
     "--local needs --config FILE (the daemon's config, which names the store)"},
    {"local.no_json", "--json mencetak JSON dari admin API; tidak bisa dengan --local",
     "--json prints the admin API's JSON; it does not work with --local"},
    // diagnose
    {"diagnose.need_query", "beri --nip, --nik atau --name dengan --birth-date",
     "give --nip, --nik or --name with --birth-date"},
    {"diagnose.head", "Diagnosa: {}", "Diagnosis: {}"},
    {"diagnose.not_found", "pegawai tidak ditemukan di SIMPEG maupun SIASN",
     "the employee was found in neither SIMPEG nor SIASN"},
    {"diagnose.fix", "Perbaikan: {}", "Fix: {}"},
    {"diagnose.fix_offered", "dapat dikirim sinkron (perlu persetujuan, fix {}): {}",
     "sinkron can push (needs approval, fix {}): {}"},
    {"diagnose.fix_in_outbox", "sudah di outbox #{} ({}): {}", "already in outbox #{} ({}): {}"},
    {"diagnose.pushes", "Pengiriman terbuka:", "Open pushes:"},
    {"diagnose.refreshed", "Tarik ulang:", "Re-pulled:"},
    {"diagnose.refresh_ok", "{}: ok, {} data", "{}: ok, {} records"},
    {"diagnose.refresh_failed", "{}: GAGAL: {}", "{}: FAILED: {}"},
    {"diagnose.fix_queued", "fix {} diantrekan sebagai outbox #{}", "fix {} queued as outbox #{}"},
    {"diagnose.fix_known", "fix {} sudah ada di outbox #{}", "fix {} already in outbox #{}"},
    // report
    {"report.written", "instansi {}: {} pegawai, periode {}; laporan: {}",
     "agency {}: {} employees, period {}; report: {}"},
    // demo
    {"demo.no_sim",
     "sinkron-sim tidak ditemukan (di {} maupun PATH); beri --sim BERKAS atau bangun target "
     "sinkron-sim",
     "sinkron-sim not found (neither at {} nor on PATH); give --sim FILE or build the sinkron-sim "
     "target"},
    {"demo.no_templates",
     "templat konfigurasi demo (*.demo.yaml.in) tidak ada di {}; beri --templates FOLDER",
     "no demo config templates (*.demo.yaml.in) in {}; give --templates FOLDER"},
    {"demo.started", "demo: {} orang; simulator di {} (SIASN), {} (SIMPEG), {} (pelatihan)",
     "demo: {} people; simulators at {} (SIASN), {} (SIMPEG), {} (training)"},
    {"demo.cycle_failed", "siklus sinkronisasi gagal (keluar {}); lihat {}",
     "the sync cycle failed (exit {}); see {}"},
    {"demo.config", "demo: konfigurasi   {}", "demo: config        {}"},
    {"demo.state", "demo: state         {}", "demo: state         {}"},
    {"demo.daemon_log", "demo: log daemon    {}", "demo: daemon log    {}"},
    {"demo.agency_report", "demo: laporan instansi {}", "demo: agency report {}"},
    // sinkron reconcile, sinkron generate
    {"reconcile.head",
     "sinkron reconcile: {} ({} data, {} baris buruk) vs {} ({} data, {} baris buruk)",
     "sinkron reconcile: {} ({} records, {} bad rows) vs {} ({} records, {} bad rows)"},
    {"reconcile.matched", "  cocok                     {:>10}",
     "  matched                   {:>10}"},
    {"reconcile.matched_diff", "  cocok dengan perbedaan    {:>10}  ({} perbedaan isian)",
     "  matched_with_differences  {:>10}  ({} field differences)"},
    {"reconcile.review", "  tinjau (diputuskan orang) {:>10}",
     "  review                    {:>10}"},
    {"reconcile.only_left", "  hanya kiri  ({:<8})    {:>10}", "  only_left  ({:<8})     {:>10}"},
    {"reconcile.only_right", "  hanya kanan ({:<8})    {:>10}", "  only_right ({:<8})     {:>10}"},
    {"reconcile.duplicates", "  duplikat                  {:>10}",
     "  duplicate                 {:>10}"},
    {"reconcile.anomalies", "  anomali                   {:>10}",
     "  anomalies                 {:>10}"},
    {"reconcile.times",
     "  waktu: baca {:.2f} dtk, cocokkan {:.2f} dtk, tulis {:.2f} dtk, laporan {:.2f} dtk",
     "  time: read {:.2f}s, match {:.2f}s, write {:.2f}s, reports {:.2f}s"},
    {"reconcile.output", "  keluaran: {}", "  output: {}"},
    {"reconcile.report", "  laporan: {}", "  report: {}"},
    {"reconcile.bad_rows", "  {} baris buruk dilewati; semuanya ada di {}:",
     "  {} bad rows were skipped; all are in {}:"},
    {"reconcile.progress", "terbaca {} data {} dalam {:.2f} dtk dan {} data {} dalam {:.2f} dtk",
     "read {} {} records in {:.2f} s and {} {} records in {:.2f} s"},
    {"reconcile.failed", "sinkron reconcile gagal: {}", "sinkron reconcile: {}"},
    {"generate.done", "{} orang dibuat: {} baris SIMPEG, {} data SIASN, {} pasangan benar di {}",
     "generated {} people: {} SIMPEG rows, {} SIASN records, {} true pairs in {}"},
    {"generate.no_folder", "sinkron generate gagal: folder {} tidak dapat dibuat: {}",
     "sinkron generate: cannot create folder {}: {}"},
    {"generate.failed", "sinkron generate gagal: {}", "sinkron generate: {}"},
    // sinkron --help
    {"help.exit_codes",
     "Kode keluar: 0 berhasil · 1 salah pakai atau konfigurasi · 2 run sebagian atau ada baris "
     "masukan yang buruk · 3 ditolak (tanpa token, token salah, peran tidak boleh) · 4 tidak "
     "ditemukan · 5 daemon tidak dapat dihubungi atau waktu habis · 6 run gagal (sync --remote "
     "--follow).\nBahasa: --lang id|en, bawaan dari locale (LC_ALL, LC_MESSAGES, LANG).",
     "Exit codes: 0 ok · 1 usage or config error · 2 run partial or bad input rows · 3 refused "
     "(no token, wrong token, role may not) · 4 not found · 5 daemon unreachable or timeout · 6 "
     "run failed (sync --remote --follow).\nLanguage: --lang id|en, default from the locale "
     "(LC_ALL, LC_MESSAGES, LANG)."},
};

const std::unordered_map<std::string_view, const CatalogEntry*>& index() {
  static const auto* map = [] {
    auto* m = new std::unordered_map<std::string_view, const CatalogEntry*>();
    for (const auto& e : kCatalog) (*m)[e.key] = &e;
    return m;
  }();
  return *map;
}

}  // namespace

Lang langFromLocale() {
  for (const char* var : {"LC_ALL", "LC_MESSAGES", "LANG"})
    if (const char* v = std::getenv(var); v && *v)
      return std::strncmp(v, "id", 2) == 0 ? Lang::kId : Lang::kEn;
  return Lang::kEn;
}

Lang langFromArgs(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    std::string_view a = argv[i];
    std::string_view v;
    if (a == "--lang" && i + 1 < argc) v = argv[i + 1];
    if (a.starts_with("--lang=")) v = a.substr(7);
    if (v == "id") return Lang::kId;
    if (v == "en") return Lang::kEn;
  }
  return langFromLocale();
}

void setLang(Lang lang) {
  g_lang = lang;
}
Lang currentLang() {
  return g_lang;
}

std::string_view text(std::string_view key) {
  auto it = index().find(key);
  if (it == index().end()) return key;
  return g_lang == Lang::kId ? it->second->id : it->second->en;
}

const std::vector<CatalogEntry>& catalog() {
  return kCatalog;
}

}  // namespace sinkron::daemon::cli

// DIR/report.html: one self-contained page (inline CSS and SVG, no script) with the summary,
// two charts and the top lists. Every text from the data is NIK-masked and HTML-escaped.
#include <cstdlib>
#include <exception>
#include <string>
#include <string_view>

#include "report_digest.hpp"
#include "report_inputs.hpp"
#include "sinkron/daemon/report/reconcile_report.hpp"
#include "svg_chart.hpp"
#include "text_format.hpp"

namespace sinkron::report {
namespace {

namespace fs = std::filesystem;

constexpr std::size_t kExplanationChars = 300;
constexpr std::size_t kNameChars = 80;

constexpr std::string_view kCss = R"css(
*{box-sizing:border-box}
body{margin:0;background:#f4f6f9;color:#1a202c;font:14px/1.45 "Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
main{max-width:1180px;margin:0 auto;padding:28px 32px 40px;background:#fff;min-height:100vh}
header{border-bottom:3px solid #1e3a5f;padding-bottom:14px;margin-bottom:22px}
.kicker{font-size:12px;letter-spacing:.08em;text-transform:uppercase;color:#4a5568;margin:0}
h1{font-size:26px;margin:4px 0 2px;color:#1e3a5f}
h1 small{font-size:15px;font-weight:400;color:#4a5568}
h2{font-size:18px;color:#1e3a5f;margin:0 0 4px;padding-bottom:6px;border-bottom:1px solid #e2e8f0}
h2 .en{font-weight:400;color:#718096;font-size:14px}
section{margin:0 0 30px}
.note{color:#4a5568;font-size:13px;margin:6px 0 10px}
.meta{display:grid;grid-template-columns:repeat(auto-fit,minmax(200px,1fr));gap:10px;margin-top:14px}
.meta div{background:#f7fafc;border:1px solid #e2e8f0;border-radius:6px;padding:8px 12px}
.meta .src{font-weight:700}
.meta b{display:block;font-size:11px;text-transform:uppercase;letter-spacing:.05em;color:#718096;font-weight:600}
.meta span{font-size:14px}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(170px,1fr));gap:12px;margin-top:12px}
.card{border:1px solid #e2e8f0;border-top:4px solid var(--c);border-radius:6px;padding:10px 14px;background:#fff}
.card .n{font-size:26px;font-weight:700;color:#1a202c}
.card .l{font-size:13px;font-weight:600}
.card .e{font-size:12px;color:#718096}
.card .p{font-size:12px;color:#4a5568;margin-top:2px}
svg.chart{width:100%;height:auto;display:block;margin-top:8px}
table{width:100%;border-collapse:collapse;margin-top:8px;font-size:13px}
th{background:#1e3a5f;color:#fff;text-align:left;font-weight:600;padding:7px 8px;vertical-align:bottom}
th .en{display:block;font-weight:400;font-size:11px;color:#cbd5e0}
td{padding:6px 8px;border-bottom:1px solid #e2e8f0;vertical-align:top}
tbody tr:nth-child(even) td{background:#f7fafc}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
td.key{font-family:"SFMono-Regular",Consolas,"Liberation Mono",monospace;font-size:12px;white-space:nowrap}
td ul{margin:0;padding-left:16px}
td li{margin:0 0 2px}
.more{color:#718096;font-size:12px}
.badge{display:inline-block;padding:1px 7px;border-radius:10px;font-size:11px;font-weight:600;color:#fff;background:var(--c);white-space:nowrap}
.share{display:inline-block;height:8px;background:#2b6cb0;border-radius:2px;vertical-align:middle;margin-right:6px}
.empty{color:#718096;font-style:italic;padding:8px 0}
footer{border-top:1px solid #e2e8f0;padding-top:10px;color:#718096;font-size:12px}
@media print{
 body{background:#fff;font-size:11px}
 main{max-width:none;padding:0}
 section{break-inside:auto}
 h2,.card,tr,svg.chart{break-inside:avoid}
 thead{display:table-header-group}
 th{background:#e2e8f0!important;color:#1a202c;-webkit-print-color-adjust:exact;print-color-adjust:exact}
 th .en{color:#4a5568}
 .badge,.share,.card{-webkit-print-color-adjust:exact;print-color-adjust:exact}
}
@page{size:A4;margin:14mm 12mm}
)css";

class Html {
 public:
  Html& raw(std::string_view s) {
    out_ += s;
    return *this;
  }
  // Data text: NIK-masked, escaped.
  Html& text(std::string_view s) {
    appendHtmlEscaped(out_, maskNiksInText(s));
    return *this;
  }
  Html& clipped(std::string_view s, std::size_t chars) { return text(truncateUtf8(s, chars)); }
  Html& count(std::uint64_t n) { return raw(formatCount(n)); }
  std::string& str() { return out_; }

 private:
  std::string out_;
};

void heading(Html& h, std::string_view id, std::string_view english) {
  h.raw("<h2>").text(id).raw(" <span class=\"en\">(").text(english).raw(")</span></h2>");
}

void th(Html& h, std::string_view id, std::string_view english, bool numeric = false) {
  h.raw(numeric ? "<th class=\"num\">" : "<th>").text(id);
  if (!english.empty()) h.raw("<span class=\"en\">").text(english).raw("</span>");
  h.raw("</th>");
}

void badge(Html& h, const Summary& s, std::string_view situation) {
  const SituationLabel l = situationLabel(situation, s.left.name, s.right.name);
  h.raw("<span class=\"badge\" style=\"--c:").raw(l.color).raw("\">").text(l.id).raw("</span>");
}

// "showing the first 100 of 12.345": says where the full list is.
void headNote(Html& h, std::size_t shown, std::uint64_t total, std::string_view sheet,
              std::string_view csv) {
  h.raw("<p class=\"note\">");
  if (shown < total) {
    h.raw("Ditampilkan ")
        .count(shown)
        .raw(" pertama dari ")
        .count(total)
        .raw(" baris (first rows only). ");
  } else {
    h.raw("Semua ").count(total).raw(" baris ditampilkan (all rows). ");
  }
  h.raw("Daftar lengkap: lembar <b>")
      .text(sheet)
      .raw("</b> di report.xlsx dan file ")
      .text(csv)
      .raw(".</p>");
}

void writeHeader(Html& h, const Summary& s) {
  h.raw("<header><p class=\"kicker\">sinkron &middot; Rekonsiliasi data ASN</p>");
  h.raw("<h1>Laporan Rekonsiliasi <small>(reconciliation report)</small></h1>");
  h.raw("<p class=\"note\">Perbandingan data pegawai antara <b>")
      .text(s.left.name)
      .raw("</b> dan <b>")
      .text(s.right.name)
      .raw("</b> (comparison of employee records).</p>");
  h.raw("<div class=\"meta\">");
  for (const auto* src : {&s.left, &s.right}) {
    h.raw("<div><b>").raw(src == &s.left ? "Sumber kiri (left)" : "Sumber kanan (right)");
    h.raw("</b><span><span class=\"src\">")
        .text(src->name)
        .raw("</span> &middot; ")
        .count(src->records)
        .raw(" record");
    if (src->badRows > 0) h.raw(" &middot; ").count(src->badRows).raw(" baris rusak (bad rows)");
    h.raw("</span>");
    if (!src->file.empty()) h.raw("<br><span class=\"more\">").text(src->file).raw("</span>");
    h.raw("</div>");
  }
  h.raw("<div><b>Data per tanggal (as of)</b><span>")
      .text(s.asOf.empty() ? "-" : s.asOf)
      .raw("</span></div>");
  h.raw("<div><b>Dibuat (generated at)</b><span>")
      .text(s.generatedAt.empty() ? "-" : s.generatedAt)
      .raw("</span></div>");
  if (!s.thresholds.empty()) {
    h.raw("<div><b>Ambang skor (score thresholds)</b><span>");
    bool first = true;
    for (const auto& [name, value] : s.thresholds) {
      if (!first) h.raw(" &middot; ");
      first = false;
      h.text(name == "match"    ? "cocok (match)"
             : name == "review" ? "tinjau (review)"
                                : name)
          .raw(" &ge; ")
          .raw(formatDecimal(value, 1));
    }
    h.raw("</span></div>");
  }
  h.raw("</div></header>");
}

void writeCards(Html& h, const Summary& s) {
  const std::uint64_t persons = s.persons();
  h.raw("<section>");
  heading(h, "Ringkasan", "summary");
  h.raw("<p class=\"note\">")
      .count(persons)
      .raw(
          " orang (persons) dibandingkan, tiap orang dalam satu situasi.</p><div class=\"cards\">");
  for (const auto& [situation, n] : s.situations) {
    const SituationLabel l = situationLabel(situation, s.left.name, s.right.name);
    h.raw("<div class=\"card\" style=\"--c:").raw(l.color).raw("\"><div class=\"l\">").text(l.id);
    h.raw("</div><div class=\"e\">").text(l.english).raw("</div><div class=\"n\">").count(n);
    h.raw("</div><div class=\"p\">").raw(formatPercent(n, persons)).raw("</div></div>");
  }
  h.raw("</div></section>");
}

void writeSituationChart(Html& h, const Summary& s) {
  std::vector<Bar> bars;
  for (const auto& [situation, n] : s.situations) {
    const SituationLabel l = situationLabel(situation, s.left.name, s.right.name);
    bars.push_back(Bar{l.id, "", n, std::string(l.color)});  // English is on the cards above
  }
  h.raw("<section>");
  heading(h, "Situasi per orang", "persons by situation");
  h.raw(renderBarChart("Situasi per orang (persons by situation)", bars));
  h.raw("</section>");
}

void writeAnomalyChart(Html& h, const Summary& s) {
  h.raw("<section>");
  heading(h, "Anomali per kode", "data-quality findings by code");
  if (s.anomaliesByCode.empty()) {
    h.raw("<p class=\"empty\">Tidak ada anomali (no anomalies found).</p></section>");
    return;
  }
  std::uint64_t total = 0;
  std::vector<Bar> bars;
  for (const auto& [code, n] : s.anomaliesByCode) {
    total += n;
    bars.push_back(Bar{code, std::string(s.description(code)), n, "#c05621"});
  }
  h.raw("<p class=\"note\">")
      .count(total)
      .raw(
          " temuan (findings). Teks abu-abu: cara memperbaiki (grey text: how to fix). Daftar "
          "lengkap: lembar <b>Anomali</b> di report.xlsx.</p>");
  h.raw(renderBarChart("Anomali per kode (anomalies by code)", bars));
  h.raw("</section>");
}

void writeDifferencesTable(Html& h, const Summary& s, const ReportDigest& d) {
  h.raw("<section>");
  heading(h, "Perbedaan per kolom", "differences by field");
  if (s.differencesByField.empty()) {
    h.raw("<p class=\"empty\">Tidak ada perbedaan (no differences).</p></section>");
    return;
  }
  std::uint64_t total = 0, max = 0;
  for (const auto& f : s.differencesByField) total += f.second, max = std::max(max, f.second);
  h.raw("<p class=\"note\">Nilai yang berbeda antara ")
      .text(s.left.name)
      .raw(" dan ")
      .text(s.right.name)
      .raw(
          " pada orang yang cocok; pemilik data (owner) menentukan sumber yang "
          "benar. Daftar lengkap: lembar <b>Perbedaan</b>.</p>");
  h.raw("<table><thead><tr>");
  th(h, "Kolom", "field");
  th(h, "Jumlah", "count", true);
  th(h, "Porsi", "share");
  th(h, "Pemilik data", "owner");
  h.raw("</tr></thead><tbody>");
  for (const auto& [field, n] : s.differencesByField) {
    h.raw("<tr><td class=\"key\">").text(field).raw("</td><td class=\"num\">").count(n);
    const int width =
        max == 0 ? 0 : static_cast<int>(160.0 * static_cast<double>(n) / static_cast<double>(max));
    h.raw("</td><td><span class=\"share\" style=\"width:")
        .raw(std::to_string(std::max(width, 1)))
        .raw("px\"></span>")
        .raw(formatPercent(n, total))
        .raw("</td><td>");
    auto it = d.ownersByField.find(field);
    if (it != d.ownersByField.end()) {
      bool first = true;
      for (const auto& [owner, count] : it->second) {
        if (!first) h.raw(", ");
        first = false;
        h.text(owner.empty() ? "(belum ditentukan)" : owner);
        if (it->second.size() > 1) h.raw(" (").count(count).raw(")");
      }
    }
    h.raw("</td></tr>");
  }
  h.raw("</tbody></table></section>");
}

// "6.65" -> "6,65" like the other numbers of the page; anything else is shown as it is.
std::string score(std::string_view text) {
  if (text.empty()) return "";
  char* end = nullptr;
  const std::string s(text);
  const double v = std::strtod(s.c_str(), &end);
  return end == s.c_str() + s.size() ? formatDecimal(v, 2) : s;
}

void keysCell(Html& h, const Summary& s, std::string_view left, std::string_view right) {
  h.raw("<td class=\"key\">");
  if (!left.empty()) h.text(s.left.name).raw(": ").text(left);
  if (!left.empty() && !right.empty()) h.raw("<br>");
  if (!right.empty()) h.text(s.right.name).raw(": ").text(right);
  h.raw("</td>");
}

void writeWorst(Html& h, const Summary& s, const ReportDigest& d) {
  h.raw("<section>");
  heading(h, "Data paling bermasalah", "records with the most problems");
  if (d.worst.empty()) {
    h.raw(
        "<p class=\"empty\">Tidak ada orang dengan anomali atau perbedaan (no problems).</p>"
        "</section>");
    return;
  }
  h.raw("<p class=\"note\">")
      .count(d.worst.size())
      .raw(
          " orang dengan jumlah anomali + perbedaan terbanyak; perbaiki mereka lebih dulu (fix "
          "these "
          "first).</p>");
  h.raw("<table><thead><tr>");
  th(h, "#", "", true);
  th(h, "Kunci", "key");
  th(h, "Nama", "name");
  th(h, "Situasi", "situation");
  th(h, "Anomali", "anomalies", true);
  th(h, "Beda", "differences", true);
  th(h, "Masalah pertama", "first problems");
  h.raw("</tr></thead><tbody>");
  std::size_t rank = 0;
  for (const WorstRecord& w : d.worst) {
    h.raw("<tr><td class=\"num\">").count(++rank).raw("</td>");
    keysCell(h, s, w.row.leftKey, w.row.rightKey);
    h.raw("<td>").clipped(w.row.nama, kNameChars).raw("</td><td>");
    badge(h, s, w.row.situation);
    h.raw("</td><td class=\"num\">").count(w.anomalies).raw("</td><td class=\"num\">");
    h.count(w.differences).raw("</td><td><ul>");
    for (const std::string& p : w.problems) h.raw("<li>").text(p).raw("</li>");
    h.raw("</ul>");
    if (w.total() > w.problems.size())
      h.raw("<span class=\"more\">+")
          .count(w.total() - w.problems.size())
          .raw(" lainnya (more)</span>");
    h.raw("</td></tr>");
  }
  h.raw("</tbody></table></section>");
}

void writeReview(Html& h, const Summary& s, const ReportDigest& d) {
  h.raw("<section>");
  heading(h, "Antrean tinjauan", "review queue");
  if (d.reviewRows == 0) {
    h.raw(
        "<p class=\"empty\">Tidak ada pasangan yang perlu ditinjau (nothing to review).</p>"
        "</section>");
    return;
  }
  h.raw(
      "<p class=\"note\">Pasangan yang mungkin orang yang sama tetapi belum pasti: periksa lalu "
      "putuskan (possible matches awaiting a person's decision).</p>");
  headNote(h, d.review.size(), d.reviewRows, "Review", "situations.csv");
  h.raw("<table><thead><tr>");
  th(h, "#", "", true);
  th(h, "Kunci", "keys");
  th(h, "Nama", "name");
  th(h, "Skor", "score", true);
  th(h, "Penjelasan", "explanation");
  h.raw("</tr></thead><tbody>");
  std::size_t rank = 0;
  for (const SituationRow& r : d.review) {
    h.raw("<tr><td class=\"num\">").count(++rank).raw("</td>");
    keysCell(h, s, r.leftKey, r.rightKey);
    h.raw("<td>").clipped(r.nama, kNameChars).raw("</td><td class=\"num\">").text(score(r.score));
    h.raw("</td><td>").clipped(r.explanation, kExplanationChars).raw("</td></tr>");
  }
  h.raw("</tbody></table></section>");
}

void writeDuplicates(Html& h, const Summary& s, const ReportDigest& d) {
  h.raw("<section>");
  heading(h, "Duplikat", "duplicates");
  if (d.duplicateRows == 0) {
    h.raw("<p class=\"empty\">Tidak ada duplikat (no duplicates).</p></section>");
    return;
  }
  h.raw(
      "<p class=\"note\">Record yang tampaknya orang yang sama dengan record lain di sumber yang "
      "sama (records that look like another record of the same source).</p>");
  headNote(h, d.duplicates.size(), d.duplicateRows, "Duplikat", "duplicates.csv");
  h.raw("<table><thead><tr>");
  th(h, "#", "", true);
  th(h, "Sumber", "side");
  th(h, "Kunci", "key");
  th(h, "Duplikat dari", "duplicate of");
  th(h, "Skor", "score", true);
  th(h, "Penjelasan", "explanation");
  h.raw("</tr></thead><tbody>");
  std::size_t rank = 0;
  for (const DuplicateRow& r : d.duplicates) {
    std::string_view side = r.side;
    if (side == "left") side = s.left.name;
    if (side == "right") side = s.right.name;
    h.raw("<tr><td class=\"num\">").count(++rank).raw("</td><td>").text(side);
    h.raw("</td><td class=\"key\">").text(r.key).raw("</td><td class=\"key\">").text(r.duplicateOf);
    h.raw("</td><td class=\"num\">").text(score(r.score)).raw("</td><td>");
    h.clipped(r.explanation, kExplanationChars).raw("</td></tr>");
  }
  h.raw("</tbody></table></section>");
}

Result<fs::path> writeHtmlReportUnguarded(const fs::path& dir) {
  auto summary = readSummary(dir);
  if (!summary) return summary.error();
  auto digest = digestReport(dir, *summary);
  if (!digest) return digest.error();
  const Summary& s = *summary;

  Html h;
  h.raw("<!DOCTYPE html>\n<html lang=\"id\"><head><meta charset=\"utf-8\">");
  h.raw("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">");
  h.raw("<title>Laporan Rekonsiliasi ").text(s.left.name).raw(" &ndash; ").text(s.right.name);
  if (!s.asOf.empty()) h.raw(" ").text(s.asOf);
  h.raw("</title><style>").raw(kCss).raw("</style></head><body><main>");
  writeHeader(h, s);
  writeCards(h, s);
  writeSituationChart(h, s);
  writeAnomalyChart(h, s);
  writeDifferencesTable(h, s, *digest);
  writeWorst(h, s, *digest);
  writeReview(h, s, *digest);
  writeDuplicates(h, s, *digest);
  h.raw(
      "<footer>Dibuat oleh sinkron. NIK disamarkan (masked) untuk melindungi data pribadi; "
      "semua baris lengkap ada di report.xlsx dan file CSV di folder yang sama "
      "(full lists: report.xlsx and the CSV files next to this report).</footer>");
  h.raw("</main></body></html>\n");

  const fs::path target = dir / "report.html";
  if (auto st = writeFileAtomically(target, h.str()); !st) return st.error();
  return target;
}

}  // namespace

Result<fs::path> writeHtmlReport(const fs::path& dir) {
  try {
    return writeHtmlReportUnguarded(dir);
  } catch (const std::exception& e) {  // bad_alloc, filesystem errors: no exception leaves
    return Error::internal((dir / "report.html").string() + ": " + e.what());
  }
}

}  // namespace sinkron::report

#include "sinkron/daemon/reconcile_job.hpp"

#include <malloc.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <array>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <map>
#include <thread>

#include "field_comparer.hpp"
#include "sinkron/daemon/report/reconcile_report.hpp"
#include "sinkron/mappings/reconciler.hpp"
#include "source_loader.hpp"

namespace sinkron::daemon {

using mappings::Decision;
using mappings::Field;
using mappings::Link;
using mappings::MatchPass;
namespace fs = std::filesystem;

namespace {

double secondsSince(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

double processCpuSeconds() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) / 1e9;
}

Status appendFile(const fs::path& from, CsvWriter& to) {
  if (auto s = to.appendFile(from); !s) return s.error();
  std::error_code ec;
  fs::remove(from, ec);
  return {};
}

std::string_view situationOf(const Link& link, bool hasDifferences) {
  if (link.pass == MatchPass::kDuplicate) return "duplicate";
  if (link.decision == Decision::kReview) return "review";
  return hasDifferences ? "matched_with_differences" : "matched";
}

Status writeSummaryJson(const ReconcileSummary& s, const ReconcileOptions& o,
                        const mappings::MatchThresholds& t) {
  rapidjson::StringBuffer sb;
  rapidjson::Writer<rapidjson::StringBuffer> w(sb);
  auto side = [&](const char* name, const SideSummary& x) {
    w.Key(name);
    w.StartObject();
    w.Key("name"), w.String(x.name.c_str());
    w.Key("file"), w.String(x.file.c_str());
    w.Key("records"), w.Uint64(x.records);
    w.Key("bad_rows"), w.Uint64(x.badRows);
    w.EndObject();
  };
  auto counts = [&](const char* name, const std::map<std::string, std::uint64_t>& m) {
    w.Key(name);
    w.StartObject();
    for (const auto& [k, v] : m) w.Key(k.c_str()), w.Uint64(v);
    w.EndObject();
  };
  w.StartObject();
  side("left", s.left);
  side("right", s.right);
  counts("situations", s.situations);
  counts("differences_by_field", s.differencesByField);
  counts("anomalies_by_code", s.anomaliesByCode);
  w.Key("anomaly_descriptions");
  w.StartObject();
  for (const auto& k : mappings::anomalyKinds()) {
    w.Key(k.code.data(), static_cast<rapidjson::SizeType>(k.code.size()));
    w.String(k.description.data(), static_cast<rapidjson::SizeType>(k.description.size()));
  }
  w.Key("nilai_tidak_valid"),
      w.String("Perbaiki nilai yang tidak dapat dibaca (format tanggal/kode)");
  w.EndObject();
  char now[32];
  std::time_t tt = std::time(nullptr);
  std::strftime(now, sizeof now, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&tt));
  w.Key("generated_at"), w.String(now);
  w.Key("as_of"), w.String(o.asOf.iso().c_str());
  w.Key("thresholds");
  w.StartObject();
  w.Key("match"), w.Double(t.match);
  w.Key("review"), w.Double(t.review);
  w.EndObject();
  w.Key("pairs"), w.Uint64(s.pairs);
  w.Key("comparisons"), w.Uint64(s.comparisons);
  w.Key("seconds");
  w.StartObject();
  w.Key("load"), w.Double(s.loadSeconds);
  w.Key("match"), w.Double(s.matchSeconds);
  w.Key("write"), w.Double(s.writeSeconds);
  w.Key("match_stages");
  w.StartObject();
  for (const auto& [name, seconds] : s.matchStages) w.Key(name.c_str()), w.Double(seconds);
  w.EndObject();
  w.EndObject();
  w.EndObject();
  const fs::path path = o.outDir / "summary.json";
  std::ofstream out(path);
  out << sb.GetString() << '\n';
  out.close();
  if (!out) return Error::io("writing " + path.string() + " failed");
  return {};
}

}  // namespace

void keepFreedMemoryForReuse() {
  constexpr int kOneGiB = 1 << 30;
  mallopt(M_MMAP_THRESHOLD, kOneGiB);
  mallopt(M_TRIM_THRESHOLD, kOneGiB);
}

Result<ReconcileSummary> runReconcile(
    const ReconcileOptions& o, const std::function<void(const ReconcileProgress&)>& progress) {
  std::error_code ec;
  fs::create_directories(o.outDir, ec);
  if (ec)
    return Error::io("cannot create output folder " + o.outDir.string() + ": " + ec.message());

  // Fail fast on a missing file or an invalid mapping, before any work.
  auto left = openSource("left", o.left, o.leftMapping);
  if (!left) return left.error();
  auto right = openSource("right", o.right, o.rightMapping);
  if (!right) return right.error();
  LoadedSource& L = **left;
  LoadedSource& R = **right;

  ReconcileSummary sum;
  sum.outDir = o.outDir;
  auto t0 = std::chrono::steady_clock::now();
  const double cpu0 = processCpuSeconds();
  auto leftAnomalies = CsvWriter::create(o.outDir / "anomalies.left.tmp");
  if (!leftAnomalies) return leftAnomalies.error();
  auto rightAnomalies = CsvWriter::create(o.outDir / "anomalies.right.tmp");
  if (!rightAnomalies) return rightAnomalies.error();
  mappings::AnomalyOptions anomalyOptions{o.asOf};
  Status leftStatus, rightStatus;
  ReconcileProgress loaded;
  {
    std::thread other([&] {
      auto start = std::chrono::steady_clock::now();
      rightStatus = loadSource(R, anomalyOptions, *rightAnomalies);
      loaded.rightSeconds = secondsSince(start);
    });
    leftStatus = loadSource(L, anomalyOptions, *leftAnomalies);
    loaded.leftSeconds = secondsSince(t0);
    other.join();
  }
  if (!leftStatus) return leftStatus.error();
  if (!rightStatus) return rightStatus.error();
  if (auto s = leftAnomalies->close(); !s) return s.error();
  if (auto s = rightAnomalies->close(); !s) return s.error();
  sum.loadSeconds = secondsSince(t0);
  const double cpu1 = processCpuSeconds();
  sum.loadCpuSeconds = cpu1 - cpu0;
  for (auto* src : {&L, &R}) {
    SideSummary& side = src == &L ? sum.left : sum.right;
    side.name = src->mapping.sourceName();
    side.file = src->file.string();
    side.records = src->table.size();
    side.badRows = src->errors.size();
    side.bytes = src->bytes;
    for (const auto& e : src->errors)
      if (sum.firstErrors.size() < 5) sum.firstErrors.push_back(e.message);
    for (const auto& [code, n] : src->anomalyCounts) sum.anomaliesByCode[std::string(code)] += n;
  }
  loaded.left = sum.left;
  loaded.right = sum.right;
  if (progress) progress(loaded);

  auto t1 = std::chrono::steady_clock::now();
  mappings::Reconciler reconciler(o.settings.thresholds);
  auto result = reconciler.run(L.table, R.table, o.threads);
  sum.matchSeconds = secondsSince(t1);
  const double cpu2 = processCpuSeconds();
  sum.matchCpuSeconds = cpu2 - cpu1;
  sum.comparisons = result.comparisons;
  for (const auto& [name, seconds] : result.stageSeconds)
    sum.matchStages.emplace_back(std::string(name), seconds);
  sum.pairs = result.links.size();

  // pairs.csv and differences.csv. The second thread writes pairs.csv and the last part of the
  // differences to a part file, appended afterwards: both cores work, memory stays flat.
  auto t2 = std::chrono::steady_clock::now();
  // Loops over the links read the left records in order and the right ones at random.
  auto prefetchRight = [&](std::size_t i, std::size_t end) {
    if (i + 32 < end) R.table.prefetchPlace(result.links[i + 32].right);
    if (i + 16 < end) R.table.prefetch(result.links[i + 16].right);
  };
  FieldComparer comparer(L.table, R.table);
  std::vector<std::uint8_t> hasDiff(result.links.size(), 0);
  {
    auto pairs = CsvWriter::create(o.outDir / "pairs.csv");
    if (!pairs) return pairs.error();
    auto diffs = CsvWriter::create(o.outDir / "differences.csv");
    if (!diffs) return diffs.error();
    const fs::path partPath = o.outDir / "differences.part.tmp";
    auto diffsPart = CsvWriter::create(partPath);
    if (!diffsPart) return diffsPart.error();
    const std::string ownerName[2] = {L.mapping.sourceName(), R.mapping.sourceName()};
    using FieldCounts = std::array<std::uint64_t, mappings::kFieldCount>;
    auto writeDifferences = [&](std::size_t begin, std::size_t end, CsvWriter& out,
                                FieldCounts& perField) {
      FieldComparer::Values a, b;
      for (std::size_t i = begin; i < end; ++i) {
        const Link& k = result.links[i];
        prefetchRight(i, end);
        if (k.decision != Decision::kMatch || k.pass == MatchPass::kDuplicate) continue;
        L.table.values(k.left, a, /*lazy=*/true);
        R.table.values(k.right, b, /*lazy=*/true);
        for (Field f : comparer.fields()) {
          if (!comparer.differs(f, a, b, k.left, k.right)) continue;
          hasDiff[i] = 1;
          ++perField[mappings::index(f)];
          auto owner = o.settings.policy.owner[mappings::index(f)];
          out.field(L.table.key(k.left)).field(R.table.key(k.right)).field(mappings::fieldName(f));
          out.field(a[f]).field(b[f]);
          out.field(ownerName[owner == OwnerSide::kLeft ? 0 : 1]).endRow();
        }
      }
    };
    // pairs.csv costs about a sixth of what the differences cost (instructions measured at
    // 100k): this thread takes 75/128 of the links' differences, the other pairs.csv and the
    // rest.
    const std::size_t split = result.links.size() * 75 / 128;
    FieldCounts firstCounts{}, secondCounts{};
    std::thread second([&] {
      pairs->row({"left_key", "right_key", "score", "decision"});
      for (std::size_t i = 0; i < result.links.size(); ++i) {
        const Link& k = result.links[i];
        prefetchRight(i, result.links.size());
        pairs->field(L.table.key(k.left)).field(R.table.key(k.right));
        pairs->field(static_cast<double>(k.score));
        pairs->field(k.decision == Decision::kMatch ? "match" : "review").endRow();
      }
      writeDifferences(split, result.links.size(), *diffsPart, secondCounts);
    });
    diffs->row({"left_key", "right_key", "field", "left_value", "right_value", "owner"});
    writeDifferences(0, split, *diffs, firstCounts);
    second.join();
    if (auto s = diffsPart->close(); !s) return s.error();
    if (auto s = appendFile(partPath, *diffs); !s) return s.error();
    for (std::size_t f = 0; f < firstCounts.size(); ++f)
      if (auto n = firstCounts[f] + secondCounts[f])
        sum.differencesByField[std::string(mappings::kFieldNames[f])] = n;
    if (auto s = pairs->close(); !s) return s.error();
    if (auto s = diffs->close(); !s) return s.error();
  }
  sum.writeSeconds = secondsSince(t2);
  sum.writeCpuSeconds = processCpuSeconds() - cpu2;

  // situations.csv, duplicates.csv, anomalies.csv, errors.csv, summary.json.
  auto t3 = std::chrono::steady_clock::now();
  {
    auto sit = CsvWriter::create(o.outDir / "situations.csv");
    if (!sit) return sit.error();
    sit->row({"situation", "left_key", "right_key", "score", "nama", "explanation"});
    // The links' rows, mostly explanations to build: the second half on another thread into a
    // part file, appended after the first half.
    using SituationCounts = std::map<std::string_view, std::uint64_t>;
    auto writeLinkRows = [&](std::size_t begin, std::size_t end, CsvWriter& out,
                             SituationCounts& counts) {
      std::string explanation;
      for (std::size_t i = begin; i < end; ++i) {
        const Link& k = result.links[i];
        prefetchRight(i, end);
        auto situation = situationOf(k, hasDiff[i]);
        ++counts[situation];
        auto nama = L.table.value(k.left, Field::kNama);
        out.field(situation).field(L.table.key(k.left)).field(R.table.key(k.right));
        out.field(static_cast<double>(k.score))
            .field(nama.empty() ? R.table.value(k.right, Field::kNama) : nama);
        explanation.assign(mappings::passName(k.pass));
        explanation += ": ";
        explanation += reconciler.explain(result, L.table, k.left, R.table, k.right).explain();
        out.field(explanation).endRow();
      }
    };
    {
      const fs::path partPath = o.outDir / "situations.part.tmp";
      auto part = CsvWriter::create(partPath);
      if (!part) return part.error();
      const std::size_t half = result.links.size() / 2;
      SituationCounts firstCounts, secondCounts;
      std::thread second([&] { writeLinkRows(half, result.links.size(), *part, secondCounts); });
      writeLinkRows(0, half, *sit, firstCounts);
      second.join();
      if (auto s = part->close(); !s) return s.error();
      if (auto s = appendFile(partPath, *sit); !s) return s.error();
      for (const auto* counts : {&firstCounts, &secondCounts})
        for (const auto& [name, n] : *counts) sum.situations[std::string(name)] += n;
    }
    auto dups = CsvWriter::create(o.outDir / "duplicates.csv");
    if (!dups) return dups.error();
    dups->row({"side", "key", "duplicate_of", "score", "explanation"});
    for (const auto& d : result.duplicates) {
      const auto& t = d.side == mappings::Side::kLeft ? L.table : R.table;
      const char* sideName = d.side == mappings::Side::kLeft ? "left" : "right";
      auto why = reconciler.explain(result, t, d.record, t, d.of).explain();
      dups->field(sideName).field(t.key(d.record)).field(t.key(d.of));
      dups->field(static_cast<double>(d.score)).field(why).endRow();
      if (d.side == mappings::Side::kLeft) {
        // Left duplicates that kept a right partner are already in situations via their link.
        auto it = std::lower_bound(result.links.begin(), result.links.end(), d.record,
                                   [](const Link& k, std::uint32_t l) { return k.left < l; });
        if (it != result.links.end() && it->left == d.record) continue;
      }
      ++sum.situations["duplicate"];
      sit->field("duplicate");
      if (d.side == mappings::Side::kLeft)
        sit->field(t.key(d.record)).field("");
      else
        sit->field("").field(t.key(d.record));
      sit->field(static_cast<double>(d.score)).field(t.value(d.record, Field::kNama));
      sit->field("duplicate of " + std::string(t.key(d.of)) + ": " + why).endRow();
    }
    for (std::uint32_t l = 0; l < L.table.size(); ++l) {
      if (result.leftLinked[l]) continue;
      ++sum.situations["only_left"];
      sit->field("only_left")
          .field(L.table.key(l))
          .field("")
          .field("")
          .field(L.table.value(l, Field::kNama))
          .field("")
          .endRow();
    }
    for (std::uint32_t r = 0; r < R.table.size(); ++r) {
      if (result.rightLinked[r]) continue;
      ++sum.situations["only_right"];
      sit->field("only_right")
          .field("")
          .field(R.table.key(r))
          .field("")
          .field(R.table.value(r, Field::kNama))
          .field("")
          .endRow();
    }
    if (auto s = sit->close(); !s) return s.error();
    if (auto s = dups->close(); !s) return s.error();

    auto anomalies = CsvWriter::create(o.outDir / "anomalies.csv");
    if (!anomalies) return anomalies.error();
    anomalies->row({"side", "key", "line", "code", "field", "value", "message"});
    if (auto s = appendFile(o.outDir / "anomalies.left.tmp", *anomalies); !s) return s.error();
    if (auto s = appendFile(o.outDir / "anomalies.right.tmp", *anomalies); !s) return s.error();
    if (auto s = anomalies->close(); !s) return s.error();

    auto errors = CsvWriter::create(o.outDir / "errors.csv");
    if (!errors) return errors.error();
    errors->row({"side", "file", "line", "message"});
    for (auto* src : {&L, &R})
      for (const auto& e : src->errors)
        errors->field(src->side).field(src->file.string()).field(e.line).field(e.message).endRow();
    if (auto s = errors->close(); !s) return s.error();
  }
  for (const char* s :
       {"matched", "matched_with_differences", "review", "only_left", "only_right", "duplicate"})
    sum.situations.try_emplace(s, 0);
  if (auto st = writeSummaryJson(sum, o, o.settings.thresholds); !st) return st.error();
  if (o.reports) {
    auto files = report::writeReconcileReports(o.outDir);
    if (!files) return files.error();
    sum.reportHtml = files->html;
    sum.reportXlsx = files->xlsx;
  }
  sum.reportSeconds = secondsSince(t3);
  return sum;
}

}  // namespace sinkron::daemon

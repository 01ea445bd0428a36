#include "report_digest.hpp"

#include <algorithm>
#include <functional>
#include <iterator>
#include <queue>
#include <string_view>
#include <unordered_map>

#include "text_format.hpp"

namespace sinkron::report {
namespace {

namespace fs = std::filesystem;

// Persons are counted by a 64-bit hash of side+key (or of the key pair): a flat map of integers
// instead of millions of strings. A collision could only misplace someone in a top-50 list.
std::uint64_t mix(std::uint64_t h, std::uint64_t v) {
  return h ^ (v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2));
}
std::uint64_t keyHash(char side, std::string_view key) {
  return mix(static_cast<std::uint64_t>(side), std::hash<std::string_view>{}(key));
}
std::uint64_t pairHash(std::string_view left, std::string_view right) {
  return mix(keyHash('L', left), std::hash<std::string_view>{}(right));
}

// anomalies.csv names the side as left/right (or kiri/kanan, or the source name).
char sideOf(std::string_view side, const Summary& s) {
  if (side == "left" || side == "kiri" || side == "L" || side == s.left.name) return 'L';
  if (side == "right" || side == "kanan" || side == "R" || side == s.right.name) return 'R';
  return 0;
}

using CountMap = std::unordered_map<std::uint64_t, std::uint32_t>;

std::string anomalyProblem(std::string_view code, std::string_view field, std::string_view value,
                           std::string_view message) {
  std::string p(code);
  if (!message.empty()) p += ": " + truncateUtf8(message, 140);
  if (!field.empty() && !value.empty()) {
    p += " [" + std::string(field) + " = ";
    p += isNikField(field) ? maskNikValue(value) : truncateUtf8(value, 60);
    p += "]";
  }
  return p;
}

std::string differenceProblem(std::string_view field, std::string_view left, std::string_view right,
                              const Summary& s) {
  const bool nik = isNikField(field);
  auto show = [&](std::string_view v) {
    if (v.empty()) return std::string("(kosong)");
    return nik ? maskNikValue(v) : truncateUtf8(v, 60);
  };
  return "beda " + std::string(field) + ": " + s.left.name + " \xC2\xAB" + show(left) +
         "\xC2\xBB / " + s.right.name + " \xC2\xAB" + show(right) + "\xC2\xBB";
}

struct WorseFirst {
  bool operator()(const WorstRecord& a, const WorstRecord& b) const {
    return a.total() != b.total() ? a.total() > b.total() : a.order < b.order;
  }
};

}  // namespace

Result<ReportDigest> digestReport(const fs::path& dir, const Summary& summary,
                                  const DigestLimits& limits) {
  ReportDigest d;
  CountMap anomaliesOf, differencesOf;

  // Pass 1: problem counts per person.
  {
    auto t = CsvTable::open(dir, "anomalies.csv", {"side", "key"});
    if (!t) return t.error();
    for (;;) {
      auto more = t->next();
      if (!more) return more.error();
      if (!*more) break;
      const char side = sideOf((*t)[0], summary);
      if (side != 0 && !(*t)[1].empty()) ++anomaliesOf[keyHash(side, (*t)[1])];
    }
    d.anomalyRows = t->rows();
  }
  {
    auto t = CsvTable::open(dir, "differences.csv", {"left_key", "right_key", "field", "owner"});
    if (!t) return t.error();
    for (;;) {
      auto more = t->next();
      if (!more) return more.error();
      if (!*more) break;
      ++differencesOf[pairHash((*t)[0], (*t)[1])];
      auto& owners = d.ownersByField[std::string((*t)[2])];
      auto it = owners.find((*t)[3]);
      if (it == owners.end()) it = owners.emplace(std::string((*t)[3]), 0).first;
      ++it->second;
    }
    d.differenceRows = t->rows();
  }

  // Pass 2: situations, keeping the worst persons in a heap whose top is the mildest of them.
  std::priority_queue<WorstRecord, std::vector<WorstRecord>, WorseFirst> heap;
  {
    auto t = CsvTable::open(dir, "situations.csv",
                            {"situation", "left_key", "right_key", "score", "nama", "explanation"});
    if (!t) return t.error();
    auto find = [](const CountMap& m, std::uint64_t h) -> std::uint32_t {
      auto it = m.find(h);
      return it == m.end() ? 0 : it->second;
    };
    auto rowOf = [&] {
      return SituationRow{std::string((*t)[0]), std::string((*t)[1]), std::string((*t)[2]),
                          std::string((*t)[3]), std::string((*t)[4]), std::string((*t)[5])};
    };
    for (;;) {
      auto more = t->next();
      if (!more) return more.error();
      if (!*more) break;
      const std::string_view left = (*t)[1], right = (*t)[2];
      if ((*t)[0] == "review") {
        if (d.review.size() < limits.review) d.review.push_back(rowOf());
        ++d.reviewRows;
      }
      WorstRecord w;
      if (!left.empty()) w.anomalies += find(anomaliesOf, keyHash('L', left));
      if (!right.empty()) w.anomalies += find(anomaliesOf, keyHash('R', right));
      if (!left.empty() && !right.empty())
        w.differences = find(differencesOf, pairHash(left, right));
      if (w.total() == 0 || limits.worst == 0) continue;
      w.order = t->rows();
      if (heap.size() == limits.worst) {
        if (!WorseFirst{}(w, heap.top())) continue;
        heap.pop();
      }
      w.row = rowOf();
      heap.push(std::move(w));
    }
    d.situationRows = t->rows();
  }
  anomaliesOf.clear();
  differencesOf.clear();
  while (!heap.empty()) {
    d.worst.push_back(heap.top());
    heap.pop();
  }
  std::sort(d.worst.begin(), d.worst.end(), WorseFirst{});

  // Pass 3: the first few problems of the chosen persons.
  if (!d.worst.empty() && limits.problemsPerPerson > 0) {
    std::unordered_multimap<std::uint64_t, std::size_t> byKey, byPair;
    for (std::size_t i = 0; i < d.worst.size(); ++i) {
      const auto& r = d.worst[i].row;
      if (!r.leftKey.empty()) byKey.emplace(keyHash('L', r.leftKey), i);
      if (!r.rightKey.empty()) byKey.emplace(keyHash('R', r.rightKey), i);
      if (!r.leftKey.empty() && !r.rightKey.empty())
        byPair.emplace(pairHash(r.leftKey, r.rightKey), i);
    }
    std::vector<std::vector<std::string>> anomalyText(d.worst.size()), diffText(d.worst.size());
    {
      auto t = CsvTable::open(dir, "anomalies.csv",
                              {"side", "key", "code", "field", "value", "message"});
      if (!t) return t.error();
      for (;;) {
        auto more = t->next();
        if (!more) return more.error();
        if (!*more) break;
        const char side = sideOf((*t)[0], summary);
        if (side == 0) continue;
        auto [b, e] = byKey.equal_range(keyHash(side, (*t)[1]));
        for (auto it = b; it != e; ++it) {
          auto& list = anomalyText[it->second];
          if (list.size() < limits.problemsPerPerson)
            list.push_back(anomalyProblem((*t)[2], (*t)[3], (*t)[4], (*t)[5]));
        }
      }
    }
    {
      auto t = CsvTable::open(dir, "differences.csv",
                              {"left_key", "right_key", "field", "left_value", "right_value"});
      if (!t) return t.error();
      for (;;) {
        auto more = t->next();
        if (!more) return more.error();
        if (!*more) break;
        auto [b, e] = byPair.equal_range(pairHash((*t)[0], (*t)[1]));
        for (auto it = b; it != e; ++it) {
          auto& list = diffText[it->second];
          if (list.size() < limits.problemsPerPerson)
            list.push_back(differenceProblem((*t)[2], (*t)[3], (*t)[4], summary));
        }
      }
    }
    for (std::size_t i = 0; i < d.worst.size(); ++i) {
      // Both kinds get a share when a person has both: anomalies first, then differences.
      const std::size_t limit = limits.problemsPerPerson;
      auto& a = anomalyText[i];
      auto& f = diffText[i];
      const std::size_t nDiff =
          std::min(f.size(), std::max(limit / 2, limit - std::min(limit, a.size())));
      const std::size_t nAnom = std::min(a.size(), limit - nDiff);
      auto& problems = d.worst[i].problems;
      std::move(a.begin(), a.begin() + static_cast<std::ptrdiff_t>(nAnom),
                std::back_inserter(problems));
      std::move(f.begin(), f.begin() + static_cast<std::ptrdiff_t>(nDiff),
                std::back_inserter(problems));
    }
  }

  // Duplicates: the head of the list, and how long it is.
  {
    auto t = CsvTable::open(dir, "duplicates.csv",
                            {"side", "key", "duplicate_of", "score", "explanation"});
    if (!t) return t.error();
    for (;;) {
      auto more = t->next();
      if (!more) return more.error();
      if (!*more) break;
      if (d.duplicates.size() < limits.duplicates) {
        d.duplicates.push_back(DuplicateRow{std::string((*t)[0]), std::string((*t)[1]),
                                            std::string((*t)[2]), std::string((*t)[3]),
                                            std::string((*t)[4])});
      }
    }
    d.duplicateRows = t->rows();
  }
  return d;
}

}  // namespace sinkron::report

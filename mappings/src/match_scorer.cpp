#include "sinkron/mappings/match_scorer.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>

#include "sinkron/fixed_format.hpp"
#include "sinkron/mappings/civil_date.hpp"

namespace sinkron::mappings {
namespace {

// log2(m/u) per comparison and level. m: probability of the level for the same person;
// u: for two different people. Values from the corruption rates seen in SIMPEG/SIASN data.
constexpr float w(double m, double u) {
  return static_cast<float>(std::log2(m / u));
}

struct Weights {
  float nipExact = w(0.97, 1e-6), nipNear = w(0.01, 1e-4), nipDisagree = w(0.002, 1);
  float nikExact = w(0.95, 1e-6), nikNear = w(0.01, 1e-5), nikDisagree = w(0.01, 1);
  float lamaExact = w(0.95, 1e-6), lamaDisagree = w(0.05, 1);
  float idExact = w(0.99, 1e-7), idDisagree = w(0.01, 1);
  float nameClose = w(0.06, 0.001), namePartial = w(0.025, 0.01), nameDisagree = w(0.003, 1);
  float nameExactCap = 14.0f;
  float dobExact = w(0.97, 1.0 / 14600), dobPartial = w(0.02, 0.001), dobDisagree = w(0.01, 1);
  float sexAgree = w(0.995, 0.5), sexDisagree = w(0.005, 0.5);
  float placeAgree = w(0.9, 0.02), placeDisagree = w(0.1, 0.98);
  float unitAgree = w(0.8, 0.05), unitDisagree = w(0.2, 0.95);
};
const Weights kW;

constexpr std::array<std::string_view, kComparisonCount> kComparisonNames = {
    "nip",       "nik",           "nip_lama",     "person_id", "nama",
    "tgl_lahir", "jenis_kelamin", "tempat_lahir", "unit"};

// Day/month swapped, one date part off, or one digit typo: dates that are probably the same.
bool datePartial(std::int32_t a, std::int32_t b) {
  CivilDate x = CivilDate::fromDays(a), y = CivilDate::fromDays(b);
  int same = (x.year == y.year) + (x.month == y.month) + (x.day == y.day);
  if (same == 2) return true;
  return x.year == y.year && x.month == y.day && x.day == y.month;
}

bool digitsNear(std::uint64_t a, std::uint64_t b, int width) {
  if (a == b) return false;
  int diffs = 0, first = -1, second = -1;
  std::array<int, 20> da{}, db{};
  for (int i = 0; i < width; ++i) {
    da[i] = static_cast<int>(a % 10);
    db[i] = static_cast<int>(b % 10);
    a /= 10;
    b /= 10;
    if (da[i] != db[i]) {
      if (++diffs > 2) return false;
      (first < 0 ? first : second) = i;
    }
  }
  if (diffs == 1) return true;
  return second == first + 1 && da[first] == db[second] && da[second] == db[first];
}

// Jaro–Winkler on the names as written and on their words sorted, so "yani ahmad" and
// "ahmad yani" are alike; the higher of the two counts.
double nameSimilarity(std::string_view a, std::string_view b) {
  double direct = jaroWinkler(a, b);
  if (direct >= 0.95 || a.find(' ') == std::string_view::npos) return direct;
  auto sorted = [](std::string_view s, std::string& out) {
    std::array<std::string_view, 12> words;
    std::size_t n = 0;
    while (!s.empty() && n < words.size()) {
      auto sp = s.find(' ');
      words[n++] = s.substr(0, sp);
      s = sp == std::string_view::npos ? std::string_view{} : s.substr(sp + 1);
    }
    std::sort(words.begin(), words.begin() + static_cast<std::ptrdiff_t>(n));
    out.clear();
    for (std::size_t i = 0; i < n; ++i) {
      if (i) out.push_back(' ');
      out.append(words[i]);
    }
  };
  thread_local std::string x, y;
  sorted(a, x);
  sorted(b, y);
  return std::max(direct, jaroWinkler(x, y));
}

}  // namespace

bool nipNear(std::uint64_t a, std::uint64_t b) {
  return digitsNear(a, b, 18);
}

double jaroWinkler(std::string_view a, std::string_view b) {
  if (a.empty() || b.empty()) return 0.0;
  if (a == b) return 1.0;
  const std::size_t la = a.size(), lb = b.size();
  const std::size_t range = std::max<std::size_t>(std::max(la, lb) / 2, 1) - 1;
  std::array<bool, 128> ma{}, mb{};
  if (la > 128 || lb > 128) return a == b ? 1.0 : 0.0;
  std::size_t matches = 0;
  for (std::size_t i = 0; i < la; ++i) {
    std::size_t lo = i > range ? i - range : 0, hi = std::min(lb, i + range + 1);
    for (std::size_t j = lo; j < hi; ++j) {
      if (mb[j] || a[i] != b[j]) continue;
      ma[i] = mb[j] = true;
      ++matches;
      break;
    }
  }
  if (matches == 0) return 0.0;
  std::size_t t = 0, k = 0;
  for (std::size_t i = 0; i < la; ++i) {
    if (!ma[i]) continue;
    while (!mb[k]) ++k;
    if (a[i] != b[k]) ++t;
    ++k;
  }
  double m = static_cast<double>(matches);
  double jaro = (m / la + m / lb + (m - t / 2.0) / m) / 3.0;
  std::size_t prefix = 0;
  while (prefix < 4 && prefix < la && prefix < lb && a[prefix] == b[prefix]) ++prefix;
  return jaro + prefix * 0.1 * (1.0 - jaro);
}

void NameFrequency::build(const RecordTable& table) {
  slots_.assign(4096, 0);
  mask_ = slots_.size() - 1;
  distinct_ = 0;
  // Below ~10,000 records a name count says little about how common the name is.
  total_ = std::max<double>(10000.0, static_cast<double>(table.size()));
  for (std::uint32_t i = 0; i < table.size(); ++i) {
    if (i + 16 < table.size()) prefetch(table.features(i + 16).nameHash);
    if (const std::uint64_t h = table.features(i).nameHash) insert(tagOf(h), 1);
  }
}

void NameFrequency::insert(std::uint64_t tag, std::uint64_t count) {
  for (std::size_t s = (tag >> kCountBits) & mask_;; s = (s + 1) & mask_) {
    std::uint64_t& slot = slots_[s];
    if ((slot & ~kCountMask) == tag) {
      slot = tag | std::min(kCountMask, (slot & kCountMask) + count);
      return;
    }
    if (slot == 0) {
      slot = tag | std::min(kCountMask, count);
      break;
    }
  }
  if (++distinct_ * 2 <= slots_.size()) return;
  // Half full: double. Each tag carries its own home bits, so no hash is needed again.
  std::vector<std::uint64_t> old(slots_.size() * 2, 0);
  old.swap(slots_);
  mask_ = slots_.size() - 1;
  distinct_ = 0;
  for (const std::uint64_t slot : old)
    if (slot) insert(slot & ~kCountMask, slot & kCountMask);
}

std::uint32_t NameFrequency::count(std::uint64_t h) const {
  if (slots_.empty() || !h) return 0;
  const std::uint64_t tag = tagOf(h);
  for (std::size_t s = (tag >> kCountBits) & mask_;; s = (s + 1) & mask_) {
    if ((slots_[s] & ~kCountMask) == tag) return static_cast<std::uint32_t>(slots_[s] & kCountMask);
    if (slots_[s] == 0) return 0;
  }
}

double NameFrequency::share(std::uint64_t h) const {
  return std::max<double>(1, count(h)) / total_;
}

bool PairScore::namesCompatible() const {
  if (levels[static_cast<std::size_t>(Comparison::kName)] == Level::kMissing) return true;
  return nameSimilarity >= 0.80f ||
         levels[static_cast<std::size_t>(Comparison::kNik)] == Level::kExact;
}

std::string PairScore::explain() const {
  std::string out;
  auto number = [&out](double v, bool sign) {
    char buf[32];
    char* p = buf;
    if (sign && v >= 0) *p++ = '+';
    p = formatFixed(p, buf + sizeof buf, v, sign ? 1 : 2);
    out.append(buf, p);
  };
  for (std::size_t i = 0; i < kComparisonCount; ++i) {
    if (levels[i] == Level::kMissing) continue;
    std::string_view level;
    switch (levels[i]) {
      case Level::kExact:
        level = "sama";
        break;
      case Level::kClose:
        level = "mirip";
        break;
      case Level::kPartial:
        level = "sebagian";
        break;
      case Level::kDisagree:
        level = "beda";
        break;
      default:
        break;
    }
    if (!out.empty()) out.push_back(' ');
    out.append(kComparisonNames[i]).append("=").append(level);
    if (static_cast<Comparison>(i) == Comparison::kName && levels[i] != Level::kExact) {
      out.append(":jw");
      number(nameSimilarity, false);
    }
    out.push_back('(');
    number(weights[i], true);
    out.push_back(')');
  }
  return out;
}

PairScore scorePair(const RecordTable& left, std::uint32_t l, const RecordTable& right,
                    std::uint32_t r, const NameFrequency& freq, float floor) {
  const MatchFeatures& a = left.features(l);
  const MatchFeatures& b = right.features(r);
  PairScore s;
  auto set = [&](Comparison c, Level level, float weight) {
    s.levels[static_cast<std::size_t>(c)] = level;
    s.weights[static_cast<std::size_t>(c)] = weight;
  };
  auto agreeOrNot = [&](Comparison c, bool agree, float agreeWeight, float disagreeWeight) {
    set(c, agree ? Level::kExact : Level::kDisagree, agree ? agreeWeight : disagreeWeight);
  };
  if (a.nip && b.nip) {
    if (a.nip == b.nip)
      set(Comparison::kNip, Level::kExact, kW.nipExact);
    else if (nipNear(a.nip, b.nip))
      set(Comparison::kNip, Level::kClose, kW.nipNear);
    else
      set(Comparison::kNip, Level::kDisagree, kW.nipDisagree);
  }
  if (a.nik && b.nik) {
    if (a.nik == b.nik)
      set(Comparison::kNik, Level::kExact, kW.nikExact);
    else if (digitsNear(a.nik, b.nik, 16))
      set(Comparison::kNik, Level::kClose, kW.nikNear);
    else
      set(Comparison::kNik, Level::kDisagree, kW.nikDisagree);
  }
  if (a.nipLama && b.nipLama)
    agreeOrNot(Comparison::kNipLama, a.nipLama == b.nipLama, kW.lamaExact, kW.lamaDisagree);
  if (a.personId && b.personId)
    agreeOrNot(Comparison::kPersonId, a.personId == b.personId, kW.idExact, kW.idDisagree);
  if (a.dob != INT32_MIN && b.dob != INT32_MIN) {
    if (a.dob == b.dob)
      set(Comparison::kBirthDate, Level::kExact, kW.dobExact);
    else if (datePartial(a.dob, b.dob))
      set(Comparison::kBirthDate, Level::kPartial, kW.dobPartial);
    else
      set(Comparison::kBirthDate, Level::kDisagree, kW.dobDisagree);
  }
  if (a.sex && b.sex) agreeOrNot(Comparison::kSex, a.sex == b.sex, kW.sexAgree, kW.sexDisagree);
  if (a.placeHash && b.placeHash)
    agreeOrNot(Comparison::kBirthPlace, a.placeHash == b.placeHash, kW.placeAgree,
               kW.placeDisagree);
  if (a.unitHash && b.unitHash)
    agreeOrNot(Comparison::kUnit, a.unitHash == b.unitHash, kW.unitAgree, kW.unitDisagree);
  // The total is summed in comparison order whatever the order of the work, so a score is the
  // same bit for bit with or without the shortcut below.
  auto sum = [&] {
    float total = 0;
    for (const float w : s.weights) total += w;
    return total;
  };
  if (a.nameHash && b.nameHash) {
    // The name is the costly comparison (Jaro–Winkler, a frequency lookup): skip it when even
    // the best name weight cannot lift the pair to `floor`. The margin covers float rounding.
    const float best = a.nameHash == b.nameHash ? kW.nameExactCap : kW.nameClose;
    if (const float bound = sum() + best; bound < floor - 0.01f) {
      s.total = bound;
      return s;
    }
    if (a.nameHash == b.nameHash) {
      s.nameSimilarity = 1.0f;
      float tf = static_cast<float>(std::log2(0.9 / freq.share(b.nameHash)));
      set(Comparison::kName, Level::kExact, std::min(tf, kW.nameExactCap));
    } else {
      double jw = nameSimilarity(left.name(l), right.name(r));
      s.nameSimilarity = static_cast<float>(jw);
      if (jw >= 0.95)
        set(Comparison::kName, Level::kClose, kW.nameClose);
      else if (jw >= 0.88)
        set(Comparison::kName, Level::kPartial, kW.namePartial);
      else
        set(Comparison::kName, Level::kDisagree, kW.nameDisagree);
    }
  }
  s.total = sum();
  return s;
}

}  // namespace sinkron::mappings

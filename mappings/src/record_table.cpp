#include "sinkron/mappings/record_table.hpp"

#include <sys/mman.h>

#include <algorithm>
#include <array>
#include <cstring>

#include "sinkron/mappings/civil_date.hpp"
#include "sinkron/mappings/identifiers.hpp"
#include "sinkron/mappings/name_normalizer.hpp"
#include "sinkron/mappings/unit_name.hpp"
#include "sinkron/prefetch.hpp"
#include "swar_digits.hpp"

namespace sinkron::mappings {
namespace {

void adviseHugePages(const void* data, std::size_t bytes) {
  constexpr std::uintptr_t kHuge = 2u << 20;
  const auto begin = (reinterpret_cast<std::uintptr_t>(data) + kHuge - 1) & ~(kHuge - 1);
  const auto end = (reinterpret_cast<std::uintptr_t>(data) + bytes) & ~(kHuge - 1);
  if (end > begin) madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
}

std::uint64_t digitsValue(std::string_view s, std::size_t want) {
  std::uint64_t v = 0;
  return s.size() == want && detail::digitsToNumber(s.data(), s.size(), v) ? v : 0;
}

// Length bytes with a meaning of their own: "rebuild this value from the match features",
// "a 3-byte dictionary id follows", "a date packed in 3 bytes (days since epoch) follows".
constexpr unsigned char kDerived = 255;
constexpr unsigned char kInterned = 254;
constexpr unsigned char kPackedDate = 253;
constexpr std::size_t kMaxInline = 252;
constexpr std::int32_t kDateBias = 1 << 23;  // packed dates cover roughly 21000 BC .. 25000 AD

bool isDateField(Field f) {
  return f == Field::kTmtCpns || f == Field::kTmtPns || f == Field::kTmtGolongan;
}
// Fields whose values repeat across many records: stored once per table.
bool isInternedField(Field f) {
  switch (f) {
    case Field::kGelarDepan:
    case Field::kGelarBelakang:
    case Field::kTempatLahir:
    case Field::kJabatan:
    case Field::kUnit:
    case Field::kKedudukan:
    case Field::kStatusPegawai:
      return true;
    default:
      return false;
  }
}

void formatIsoSlow(std::int32_t days, char* out) {
  CivilDate d = CivilDate::fromDays(days);
  int parts[3] = {d.year, d.month, d.day};
  int widths[3] = {4, 2, 2};
  char* p = out;
  for (int k = 0; k < 3; ++k) {
    if (k) *p++ = '-';
    for (int w = widths[k] - 1, v = parts[k]; w >= 0; --w, v /= 10)
      p[w] = static_cast<char>('0' + v % 10);
    p += widths[k];
  }
}

// "yyyy-mm-dd" of every day of 1900..2100 (the dates parseIsoDate accepts), built once: writing
// pairs, differences and situations formats millions of packed dates.
struct IsoDateTable {
  std::int32_t first = 0;
  std::vector<char> text;
  IsoDateTable() {
    first = CivilDate{1900, 1, 1}.toDays();
    const std::int32_t last = CivilDate{2100, 12, 31}.toDays();
    text.resize(static_cast<std::size_t>(last - first + 1) * 10);
    for (std::int32_t d = first; d <= last; ++d)
      formatIsoSlow(d, text.data() + static_cast<std::size_t>(d - first) * 10);
  }
};

bool formatIso(std::int32_t days, char* out) {
  static const IsoDateTable table;
  const auto at = static_cast<std::int64_t>(days) - table.first;
  if (at >= 0 && static_cast<std::size_t>(at) * 10 < table.text.size())
    std::memcpy(out, table.text.data() + at * 10, 10);
  else
    formatIsoSlow(days, out);
  return true;
}

// Writes `digits` zero-padded decimal digits of v (v < 10^digits), two digits per step.
void formatDigits(std::uint64_t v, int digits, char* out) {
  static constexpr char kPairs[] =
      "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
      "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
      "8081828384858687888990919293949596979899";
  auto put32 = [](std::uint32_t x, int n, char* o) {  // n digits of x, right-aligned
    int w = n;
    while (w >= 2) {
      std::memcpy(o + w - 2, kPairs + (x % 100) * 2, 2);
      x /= 100;
      w -= 2;
    }
    if (w) o[0] = static_cast<char>('0' + x % 10);
  };
  if (digits > 9) {
    put32(static_cast<std::uint32_t>(v % 1000000000u), 9, out + digits - 9);
    v /= 1000000000u;
    digits -= 9;
    if (digits > 9) {
      put32(static_cast<std::uint32_t>(v % 1000000000u), 9, out + digits - 9);
      v /= 1000000000u;
      digits -= 9;
    }
  }
  put32(static_cast<std::uint32_t>(v), digits, out);
}

// Values longer than 252 bytes are cut: no canonical field is that long in practice.
std::size_t inlineLength(std::string_view v) {
  return v.size() <= kMaxInline ? v.size() : kMaxInline;
}
// The most bytes a value takes in the arena (an id or a packed date takes 4).
std::size_t boundOf(std::string_view v) {
  return std::max<std::size_t>(4, 1 + inlineLength(v));
}
char* putValue(char* out, std::string_view v) {
  const std::size_t n = inlineLength(v);
  *out++ = static_cast<char>(n);
  if (n) std::memcpy(out, v.data(), n);
  return out + n;
}
char* putMarked(char* out, unsigned char mark, std::uint32_t u24) {
  out[0] = static_cast<char>(mark);
  out[1] = static_cast<char>(u24 & 0xff);
  out[2] = static_cast<char>((u24 >> 8) & 0xff);
  out[3] = static_cast<char>((u24 >> 16) & 0xff);
  return out + 4;
}

std::uint32_t hashLowerAlnum(std::string_view s) {
  std::uint32_t h = 2166136261u;
  bool any = false;
  for (char c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      h = (h ^ static_cast<unsigned char>(c)) * 16777619u;
      any = true;
    }
  }
  return any ? (h | 1u) : 0u;
}

// Unit names repeat (a regency has a few hundred units): normalize each distinct spelling once.
struct UnitCacheEntry {
  std::uint64_t raw = 0;
  std::uint32_t normalized = 0;
};
constexpr std::size_t kUnitCacheSize = 1 << 16;
UnitCacheEntry& unitCacheEntry(std::uint64_t h) {
  thread_local std::vector<UnitCacheEntry> cache(kUnitCacheSize);
  return cache[h & (kUnitCacheSize - 1)];
}

std::uint32_t unitHashOf(std::string_view raw, std::uint64_t h) {
  UnitCacheEntry& e = unitCacheEntry(h);
  if (e.raw != h) e = {h, static_cast<std::uint32_t>(hash64(normalizeUnitName(raw))) | 1u};
  return e.normalized;
}

}  // namespace

std::uint64_t hash64(std::string_view s) {
  // Eight bytes per step (names, units and ids are hashed millions of times per run).
  std::uint64_t h = 0x9e3779b97f4a7c15ull ^ (s.size() * 0xff51afd7ed558ccdull);
  const char* p = s.data();
  std::size_t n = s.size();
  auto step = [&](std::uint64_t w) {
    h ^= w * 0xbf58476d1ce4e5b9ull;
    h = (h << 27 | h >> 37) * 0x94d049bb133111ebull;
  };
  for (; n >= 8; p += 8, n -= 8) {
    std::uint64_t w;
    std::memcpy(&w, p, 8);
    step(w);
  }
  if (n) step(detail::loadUpTo8(p, n));
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 33;
  return h | 1u;
}

RecordTable::RecordTable(std::vector<Field> storedFields) {
  for (Field f : storedFields)
    if (!isLocalIdField(f)) stored_.push_back(f);
  slotOf_.fill(-1);
  for (std::size_t i = 0; i < stored_.size(); ++i) slotOf_[index(stored_[i])] = static_cast<int>(i);
  for (Field f : stored_) interned_[index(f)] = isInternedField(f);
  dictSlots_.assign(1024, {0, 0});
}

bool RecordTable::internable(std::string_view v) {
  return v.size() >= 4 && v.size() <= kMaxInline;  // else a reference would not be shorter
}

std::uint32_t RecordTable::unitHashOfEntry(std::uint32_t entry, std::string_view unit) {
  std::uint32_t& h = dictUnitHash_[entry];
  if (h == 0) h = static_cast<std::uint32_t>(hash64(normalizeUnitName(unit))) | 1u;
  return h;
}

char* RecordTable::putInterned(char* out, std::string_view v, std::uint64_t h,
                               std::uint32_t& entry) {
  entry = kNoEntry;
  if (!internable(v)) return putValue(out, v);
  if (dictEntries_.size() * 10 >= dictSlots_.size() * 7) {
    std::vector<std::pair<std::uint64_t, std::uint32_t>> old(dictSlots_.size() * 2, {0, 0});
    old.swap(dictSlots_);
    const std::size_t mask = dictSlots_.size() - 1;
    for (const auto& e : old)
      if (e.first) {
        std::size_t s = e.first & mask;
        while (dictSlots_[s].first) s = (s + 1) & mask;
        dictSlots_[s] = e;
      }
  }
  const std::size_t mask = dictSlots_.size() - 1;
  std::size_t s = h & mask;
  for (; dictSlots_[s].first; s = (s + 1) & mask) {
    if (dictSlots_[s].first != h) continue;
    auto [offset, length] = dictEntries_[dictSlots_[s].second];
    if (std::string_view(dictionary_.data() + offset, length) == v) break;
  }
  if (!dictSlots_[s].first) {
    if (dictEntries_.size() >= (1u << 24))  // ids are 3 bytes; beyond that, store inline
      return putValue(out, v);
    dictSlots_[s] = {h, static_cast<std::uint32_t>(dictEntries_.size())};
    dictEntries_.emplace_back(static_cast<std::uint32_t>(dictionary_.size()),
                              static_cast<std::uint32_t>(v.size()));
    dictUnitHash_.push_back(0);
    dictionary_.insert(dictionary_.end(), v.begin(), v.end());
  }
  entry = dictSlots_[s].second;
  return putMarked(out, kInterned, entry);
}

void RecordTable::reserve(std::size_t records, std::size_t arenaBytes) {
  features_.reserve(records);
  offsets_.reserve(records);
  lines_.reserve(records);
  arena_.reserve(arenaBytes);
  names_.reserve(records * 16);
  // Every random access to a record (matching, writing) goes through offsets_ first: 8 bytes a
  // record, 8 MiB at a million, more than the TLB covers in 4 KiB pages. In 2 MiB pages it is a
  // handful of pages, cheap to fault in even where first touches of huge pages are slow (VMs).
  // The arena stays on 4 KiB pages: there the faults measured costlier than the misses saved.
  adviseHugePages(offsets_.data(), offsets_.capacity() * sizeof(std::uint64_t));
}

std::uint32_t RecordTable::add(const EmployeeRecord& r) {
  return add(RecordView::of(r));
}

std::uint32_t RecordTable::add(const RecordView& r) {
  // The dictionary probes of the interned fields are cache misses at scale (hundreds of
  // thousands of distinct unit names): start them all now so they overlap with the work below.
  // Entries are set for the interned fields only: zeroing the whole array cost a `rep stos`.
  std::array<std::uint64_t, kFieldCount> internHash;
  for (Field s : stored_) {
    if (!interned_[index(s)]) continue;
    const std::string_view v = r.get(s);
    const std::uint64_t h = internable(v) ? hash64(v) : 0;
    internHash[index(s)] = h;
    if (h) sinkron::prefetchRead(&dictSlots_[h & (dictSlots_.size() - 1)]);
  }
  MatchFeatures f;
  f.nip = digitsValue(r.get(Field::kNip), 18);
  f.nik = digitsValue(r.get(Field::kNik), 16);
  f.nipLama = digitsValue(r.get(Field::kNipLama), 9);
  if (r.has(Field::kPersonId)) f.personId = hash64(r.get(Field::kPersonId));
  if (auto d = parseIsoDate(r.get(Field::kTglLahir))) f.dob = d->toDays();
  const std::string_view sex = r.get(Field::kJenisKelamin);
  f.sex = sex == "M" ? 1 : sex == "F" ? 2 : static_cast<std::uint8_t>(parseSex(sex));
  f.placeHash = hashLowerAlnum(r.get(Field::kTempatLahir));
  normalizeName(r.get(Field::kNama), scratch_);
  if (!scratch_.empty()) {
    f.nameHash = hash64(scratch_);
    f.firstChar = static_cast<std::uint8_t>(scratch_[0]);
    f.nameOffset = static_cast<std::uint32_t>(names_.size());
    f.nameLength = static_cast<std::uint16_t>(scratch_.size());
    names_.insert(names_.end(), scratch_.begin(), scratch_.end());
  }
  const auto id = static_cast<std::uint32_t>(features_.size());
  offsets_.push_back(arena_.size());
  lines_.push_back(r.line > UINT32_MAX ? UINT32_MAX : static_cast<std::uint32_t>(r.line));
  // One resize to the most this record can take, then writes through a pointer, then the
  // unused rest is cut off (a push_back or insert per value cost a call and a check each).
  std::size_t bound = boundOf(r.key);
  for (Field s : stored_) bound += boundOf(r.get(s));
  const std::size_t start = arena_.size();
  arena_.resize(start + bound);
  char* const begin = arena_.data() + start;
  char* out = putValue(begin, r.key);
  std::uint32_t unitEntry = kNoEntry;
  for (Field s : stored_) {
    const std::string_view v = r.get(s);
    bool derived = (s == Field::kNip && f.nip && v.size() == 18) ||
                   (s == Field::kNik && f.nik && v.size() == 16) ||
                   (s == Field::kTglLahir && f.dob != INT32_MIN);
    if (derived) {
      *out++ = static_cast<char>(kDerived);
    } else if (interned_[index(s)] && internHash[index(s)]) {
      std::uint32_t entry = 0;
      out = putInterned(out, v, internHash[index(s)], entry);
      if (s == Field::kUnit) unitEntry = entry;
    } else if (isDateField(s) && v.size() == 10) {
      // parseIsoDate accepts only the exact "yyyy-mm-dd" text of a real date, so the packed
      // date formats back to the same text.
      auto d = parseIsoDate(v);
      out = d ? putMarked(out, kPackedDate, static_cast<std::uint32_t>(d->toDays() + kDateBias))
              : putValue(out, v);
    } else {
      out = putValue(out, v);
    }
  }
  arena_.resize(start + static_cast<std::size_t>(out - begin));
  if (r.has(Field::kUnit)) {
    // A unit kept in the dictionary has its normalized hash there (computed once per distinct
    // spelling, on a line the probe just loaded); others go through the per-thread cache.
    const std::string_view unit = r.get(Field::kUnit);
    f.unitHash =
        unitEntry != kNoEntry ? unitHashOfEntry(unitEntry, unit) : unitHashOf(unit, hash64(unit));
  }
  features_.push_back(f);
  return id;
}

std::string_view RecordTable::decode(const char*& p, std::uint32_t i, Field f, char* buf) const {
  auto n = static_cast<unsigned char>(*p);
  auto u24 = [&] {
    auto b = reinterpret_cast<const unsigned char*>(p + 1);
    return static_cast<std::uint32_t>(b[0]) | static_cast<std::uint32_t>(b[1]) << 8 |
           static_cast<std::uint32_t>(b[2]) << 16;
  };
  switch (n) {
    case kDerived:
      p += 1;
      return rebuild(i, f, buf);
    case kInterned: {
      auto [offset, length] = dictEntries_[u24()];
      p += 4;
      return {dictionary_.data() + offset, length};
    }
    case kPackedDate: {
      formatIso(static_cast<std::int32_t>(u24()) - kDateBias, buf);
      p += 4;
      return {buf, 10};
    }
    default: {
      std::string_view v(p + 1, n);
      p += 1 + n;
      return v;
    }
  }
}

std::string_view RecordTable::key(std::uint32_t i) const {
  const char* p = arena_.data() + offsets_[i];
  return {p + 1, static_cast<unsigned char>(*p)};
}

std::string_view RecordTable::rebuild(std::uint32_t i, Field f, char* buf) const {
  const MatchFeatures& m = features_[i];
  switch (f) {
    case Field::kNip:
      formatDigits(m.nip, 18, buf);
      return {buf, 18};
    case Field::kNik:
      formatDigits(m.nik, 16, buf);
      return {buf, 16};
    case Field::kTglLahir:
      formatIso(m.dob, buf);
      return {buf, 10};
    default:
      return {};
  }
}

void RecordTable::values(std::uint32_t i, RecordValues& out, bool lazy) const {
  const char* p = arena_.data() + offsets_[i];
  p += 1 + static_cast<unsigned char>(*p);  // key
  out.used = 0;
  out.pending = 0;
  out.packed = 0;
  for (Field f : stored_) {
    if (lazy) {
      const auto mark = static_cast<unsigned char>(*p);
      if (mark == kDerived) {
        ++p;
        out.v[index(f)] = {};
        out.pending |= 1u << index(f);
        continue;
      }
      if (mark == kPackedDate) {
        const auto* b = reinterpret_cast<const unsigned char*>(p + 1);
        const auto u24 = static_cast<std::uint32_t>(b[0]) | static_cast<std::uint32_t>(b[1]) << 8 |
                         static_cast<std::uint32_t>(b[2]) << 16;
        p += 4;
        out.days[index(f)] = static_cast<std::int32_t>(u24) - kDateBias;
        out.v[index(f)] = {};
        out.pending |= 1u << index(f);
        out.packed |= 1u << index(f);
        continue;
      }
    }
    std::string_view v = decode(p, i, f, out.derived.data() + out.used);
    // Rebuilt values (at most 18 bytes each) live in `derived`; others point into the tables.
    if (v.data() == out.derived.data() + out.used) out.used += v.size();
    out.v[index(f)] = v;
  }
}

std::string_view RecordTable::rebuildPending(std::uint32_t i, Field f, RecordValues& out) const {
  char* buf = out.derived.data() + out.used;
  std::string_view v;
  if (out.isPackedDate(f)) {
    formatIso(out.days[index(f)], buf);
    v = {buf, 10};
  } else {
    v = rebuild(i, f, buf);
  }
  out.used += v.size();
  out.pending &= ~(1u << index(f));
  out.packed &= ~(1u << index(f));
  out.v[index(f)] = v;
  return v;
}

std::string_view RecordTable::value(std::uint32_t i, Field f) const {
  int slot = slotOf_[index(f)];
  if (slot < 0) return {};
  const char* p = arena_.data() + offsets_[i];
  p += 1 + static_cast<unsigned char>(*p);  // key
  thread_local char buf[24];
  for (int s = 0; s < slot; ++s) {
    auto n = static_cast<unsigned char>(*p);
    p += n == kDerived ? 1 : (n == kInterned || n == kPackedDate) ? 4 : 1 + n;
  }
  return decode(p, i, f, buf);
}

}  // namespace sinkron::mappings

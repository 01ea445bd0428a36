#pragma once
// Compact, append-only storage of one source's canonical records for reconciliation: values in
// one arena (no per-record allocation) plus fixed-size match features per record.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sinkron/mappings/employee_record.hpp"
#include "sinkron/mappings/field.hpp"
#include "sinkron/mappings/record_view.hpp"
#include "sinkron/prefetch.hpp"

namespace sinkron::mappings {

// What the matcher compares, derived once per record at load time. One cache line each, aligned
// to it: a record read at random then costs one memory access, not two.
struct alignas(64) MatchFeatures {
  std::uint64_t nip = 0;       // 18-digit NIP as a number, 0 when absent/invalid
  std::uint64_t nik = 0;       // 16-digit NIK, 0 when absent
  std::uint64_t nipLama = 0;   // 9-digit old NIP, 0 when absent
  std::uint64_t nameHash = 0;  // hash of the normalized name, 0 when absent
  std::uint64_t personId = 0;  // hash of the SIASN person id, 0 when absent
  std::uint32_t placeHash = 0;
  std::uint32_t unitHash = 0;
  std::int32_t dob = INT32_MIN;  // days since epoch, INT32_MIN when absent
  std::uint32_t nameOffset = 0;  // normalized name in names()
  std::uint16_t nameLength = 0;
  std::uint8_t sex = 0;  // 0 unknown, 1 male, 2 female
  std::uint8_t firstChar = 0;
};
static_assert(sizeof(MatchFeatures) == 64);

// A record's values decoded at once. Values the match features already hold (NIP, NIK, birth
// date) are not stored twice: they are rebuilt here, into `derived`.
struct RecordValues {
  std::array<std::string_view, kFieldCount> v{};
  std::array<char, 96> derived{};
  std::size_t used = 0;       // bytes of `derived` in use
  std::uint32_t pending = 0;  // lazy decoding: fields (bit = index) not rebuilt yet
  std::uint32_t packed = 0;   // ... of which dates packed as days, in `days`
  std::array<std::int32_t, kFieldCount> days;  // set only where `packed` says so
  static_assert(kFieldCount <= 32);
  bool isPending(Field f) const { return (pending >> index(f)) & 1u; }
  bool isPackedDate(Field f) const { return (packed >> index(f)) & 1u; }
  std::string_view operator[](Field f) const { return v[index(f)]; }
};

class RecordTable {
 public:
  // Stores the values of `storedFields`, except ids local to one source (never compared).
  explicit RecordTable(std::vector<Field> storedFields = {});

  // Derives features and stores the record; returns its index.
  std::uint32_t add(const EmployeeRecord& r);
  std::uint32_t add(const RecordView& r);
  void reserve(std::size_t records, std::size_t arenaBytes);

  std::size_t size() const { return features_.size(); }
  const MatchFeatures& features(std::uint32_t i) const { return features_[i]; }
  std::string_view name(std::uint32_t i) const {
    const auto& f = features_[i];
    return {names_.data() + f.nameOffset, f.nameLength};
  }
  std::string_view key(std::uint32_t i) const;
  // Hints the CPU to load record i's values: loops over matched pairs touch the other side's
  // records in random order, and the wait for memory dominates otherwise. Two steps, some
  // records apart: first where the record is, then (that having arrived) its bytes.
  void prefetchPlace(std::uint32_t i) const { sinkron::prefetchRead(&offsets_[i]); }
  void prefetch(std::uint32_t i) const {
    const std::size_t at = offsets_[i];  // a record takes ~100-200 bytes: three lines
    for (std::size_t k = at; k < at + 192 && k < arena_.size(); k += 64)
      sinkron::prefetchRead(arena_.data() + k);
  }
  // The same for what scoring reads: the features, then (once they have arrived: the name's
  // place is in them) the normalized name.
  void prefetchFeatures(std::uint32_t i) const { sinkron::prefetchRead(&features_[i]); }
  void prefetchName(std::uint32_t i) const {
    sinkron::prefetchRead(names_.data() + features_[i].nameOffset);
  }
  std::uint64_t line(std::uint32_t i) const { return lines_[i]; }  // saturates at 2^32-1
  // Canonical value of a stored field ("" when the mapping did not fill it). A value rebuilt from
  // the features lives in a per-thread buffer until the next call.
  std::string_view value(std::uint32_t i, Field f) const;
  // All stored values of record i at once (value() walks the record; this decodes it once).
  // With `lazy`, values kept as match features (NIP, NIK, birth date) and dates packed as days
  // are only marked pending: comparing numbers first and rebuilding the text only when it is
  // needed saves most of the work of writing differences.
  void values(std::uint32_t i, RecordValues& out, bool lazy = false) const;
  // Rebuilds a pending value of record i (see values) and returns it.
  std::string_view materialize(std::uint32_t i, Field f, RecordValues& out) const {
    return out.isPending(f) ? rebuildPending(i, f, out) : out[f];
  }
  const std::vector<Field>& storedFields() const { return stored_; }
  bool stores(Field f) const { return slotOf_[index(f)] >= 0; }

 private:
  std::string_view rebuild(std::uint32_t i, Field f, char* buf) const;
  std::string_view rebuildPending(std::uint32_t i, Field f, RecordValues& out) const;
  // Decodes the value at p (advancing it); `buf` receives values rebuilt from packed forms.
  std::string_view decode(const char*& p, std::uint32_t i, Field f, char* buf) const;
  // Writes v's dictionary id (or v itself) at out and returns the end; `h` is hash64(v).
  // `entry` receives the id, or kNoEntry when v was stored inline.
  char* putInterned(char* out, std::string_view v, std::uint64_t h, std::uint32_t& entry);
  // The match feature of a unit name kept as dictionary entry `entry`.
  std::uint32_t unitHashOfEntry(std::uint32_t entry, std::string_view unit);
  static constexpr std::uint32_t kNoEntry = UINT32_MAX;
  static bool internable(std::string_view v);
  std::vector<Field> stored_;
  std::array<bool, kFieldCount> interned_{};  // fields whose values repeat (units, positions)
  std::array<int, kFieldCount> slotOf_{};
  std::vector<MatchFeatures> features_;
  std::vector<std::uint64_t> offsets_;  // arena offset of record i's values
  std::vector<std::uint32_t> lines_;
  std::vector<char> arena_;  // per record: key, then each stored field: u8 len + bytes
  std::vector<char> names_;
  std::string scratch_;
  // Distinct values of the interned fields: an open-addressing table of (hash, id) over
  // (offset, length) entries in dictionary_.
  std::vector<char> dictionary_;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> dictEntries_;
  std::vector<std::uint32_t> dictUnitHash_;  // per entry: unit-name feature, 0 until needed
  std::vector<std::pair<std::uint64_t, std::uint32_t>> dictSlots_;
};

// 64-bit string hash (FNV-1a with a final mix), never 0.
std::uint64_t hash64(std::string_view s);

}  // namespace sinkron::mappings

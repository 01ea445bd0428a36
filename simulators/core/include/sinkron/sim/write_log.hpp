#pragma once
// WriteLog: every write a simulator accepted, with a natural key per write so that tests can
// assert "nothing lost, nothing written twice" through GET /_sim/writes. Thread-safe.
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace sinkron::sim {

struct WriteEntry {
  std::uint64_t sequence = 0;
  std::string system;      // "siasn", "simpeg", ...
  std::string endpoint;    // route pattern: "/apisiasn/1.0/kursus/save"
  std::string key;         // natural key: e.g. "kursus|<pnsOrangId>|<namaKursus>|<tanggalKursus>"
  std::string body;        // the accepted request body
  std::string assignedId;  // the id the simulator answered (mapData id), may be empty
};

class WriteLog {
 public:
  // Records an accepted write; returns how many writes with this key existed before it
  // (0 = first). Writes are kept even when duplicated: a duplicate is what tests look for.
  std::uint64_t record(WriteEntry entry);
  std::uint64_t total() const;
  std::uint64_t distinctKeys() const;
  std::uint64_t duplicates() const;  // total() - distinctKeys()
  // Entries whose key was written more than once.
  std::vector<WriteEntry> duplicated() const;
  // A page of entries, optionally filtered by system.
  std::vector<WriteEntry> entries(std::string_view system, std::uint64_t offset,
                                  std::uint64_t limit) const;
  // The first entry recorded under `key`, if any (read-before-write lookups by simulators).
  bool find(std::string_view key, WriteEntry* out) const;
  // {"total":..,"distinct":..,"duplicates":..,"writes":[...]} for GET /_sim/writes.
  std::string toJson(std::string_view system, std::uint64_t offset, std::uint64_t limit) const;
  void clear();

 private:
  mutable std::mutex mutex_;
  std::vector<WriteEntry> entries_;
  std::map<std::string, std::vector<std::size_t>, std::less<>> byKey_;
};

}  // namespace sinkron::sim

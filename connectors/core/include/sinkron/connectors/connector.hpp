#pragma once
// The small interface every connector implements: pull a stream since a cursor, push a change,
// test the connection. Pulled data goes to a PullSink that stores it; the connector moves the
// cursor only through the sink, together with the rows it covers, so a crash or an error never
// leaves a cursor past data that was not stored.
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sinkron/mappings/employee_record.hpp"
#include "sinkron/result.hpp"

namespace sinkron::connectors {

// One pulled item: a canonical employee record (for employee streams), or a raw JSON document
// for streams that are not employee records (histories, SKP, completions, punches).
struct PulledItem {
  std::string stream;  // "data-utama", "pegawai", "completions", "attlog", ...
  std::string key;     // natural key within the stream (NIP, id_pegawai, ...)
  std::optional<mappings::EmployeeRecord> record;
  std::string json;  // the source's document (for non-employee streams, or raw)
};

struct PullBatch {
  std::vector<PulledItem> items;
  std::string cursorAfter;  // the cursor that is valid once these items are stored
};

class PullSink {
 public:
  virtual ~PullSink() = default;
  // Stores the batch and its cursor durably (one transaction); an error stops the pull.
  virtual Status store(const PullBatch& batch) = 0;
};

struct PullRequest {
  std::string stream;
  std::string cursor;                         // "" = from the beginning
  std::vector<std::string> keys;              // for streams pulled per key (SIASN: the NIPs)
  std::map<std::string, std::string> params;  // stream-specific (tahun, periode, unor_id, dates)
};

struct PullStats {
  std::uint64_t items = 0, batches = 0, notFound = 0, errors = 0;
  std::string cursor;                      // the last cursor stored
  std::vector<std::string> errorMessages;  // per-key errors that did not stop the pull (masked)
};

// A change to push: a write the target understands, with a natural key so that a retried
// delivery can be recognized (read-before-write) and never applied twice.
struct Change {
  std::string kind;        // "kursus", "diklat", "jabatan", "data-utama-update", "pegawai-patch"
  std::string targetKey;   // who: SIASN person id, id_pegawai, ...
  std::string naturalKey;  // what: e.g. "kursus|<person>|<nama>|<tanggal>"
  std::string json;        // body in the target's own shape
};

struct PushResult {
  bool applied = false;         // the target now holds the change
  bool alreadyPresent = false;  // found by read-before-write; nothing was sent
  std::string targetId;         // id the target assigned (mapData ...), if any
  std::string message;
};

class Connector {
 public:
  virtual ~Connector() = default;
  virtual std::string name() const = 0;  // instance name from config
  virtual std::vector<std::string> streams() const = 0;
  virtual Status testConnection() = 0;
  virtual Result<PullStats> pull(const PullRequest& request, PullSink& sink) = 0;
  // Connectors that cannot write answer Error::unsupported-style errors.
  virtual Result<PushResult> push(const Change& change) = 0;
};

}  // namespace sinkron::connectors

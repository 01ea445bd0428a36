#pragma once
// Writes one connector stream's stored canonical records as JSON Lines with a matching mapping
// file, so the reconcile job (which reads files through mappings) runs unchanged on the store.
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "sinkron/result.hpp"
#include "sinkron/store/state_store.hpp"

namespace sinkron::daemon::sync {

struct ExportedSource {
  std::filesystem::path records, mapping;
  std::uint64_t count = 0;
};

// Records flagged missing (gone from a full pull) are left out. `sourceName` names the side in
// reports ("simpeg", "siasn").
Result<ExportedSource> exportStream(store::StateStore& store, const std::string& connector,
                                    const std::string& stream, const std::string& sourceName,
                                    const std::filesystem::path& dir);

// One canonical field (e.g. "nip", "unit_id") of every current record of a stream, empty values
// left out, in the store's order.
Result<std::vector<std::string>> storedFieldValues(store::StateStore& store,
                                                   const std::string& connector,
                                                   const std::string& stream,
                                                   std::string_view field);

}  // namespace sinkron::daemon::sync

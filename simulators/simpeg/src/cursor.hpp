#pragma once
// The opaque paging cursor of GET /api/v1/pegawai: the (updated_at, id_pegawai) key of the last
// row a page returned, as hex text.
#include <optional>
#include <string>
#include <string_view>

#include "correction_overlay.hpp"

namespace sinkron::sim::simpeg {

std::string encodeCursor(const RowKey& key);
std::optional<RowKey> decodeCursor(std::string_view cursor);

}  // namespace sinkron::sim::simpeg

#pragma once
// The cursor of the REST `pegawai` stream, as stored by the sink:
//   "v1|<since>|<page>|<watermark>|<id>:<hash>,..."
// - since: the updated_since this pull started from (inclusive on the API's side);
// - page: the API's opaque next_cursor after the last stored page ("" once a pull completed);
// - watermark: the largest updated_at stored so far (the API shows whole seconds);
// - seen: the rows stored with updated_at == watermark, by id and a hash of their JSON.
// After a complete pull the next one starts at since = watermark. Because updated_since is
// inclusive and updated_at has whole seconds, rows at the watermark come again: the ones whose
// JSON is unchanged are dropped (they are stored already), a row changed within that same second
// has a different JSON and is delivered. So nothing is skipped and nothing comes twice.
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sinkron/result.hpp"

namespace sinkron::connectors::simpeg {

struct PegawaiCursor {
  std::string since, page, watermark;
  std::vector<std::pair<std::string, std::uint64_t>> seen;  // (id_pegawai, hash of the JSON)

  // Whether a listed row was stored already (see above).
  bool alreadyStored(std::string_view id, std::string_view updatedAt, std::uint64_t hash) const;
  // Records a stored row (rows arrive in updated_at order).
  void stored(std::string id, std::string updatedAt, std::uint64_t hash);
  // The state once a pull has reached the end: the next starts at the watermark.
  void complete();

  std::string encode() const;
  static Result<PegawaiCursor> decode(std::string_view text);  // "" = from the beginning
};

}  // namespace sinkron::connectors::simpeg

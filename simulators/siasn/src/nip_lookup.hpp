#pragma once
// The SIASN person named by a path NIP, or the answer to give instead: 400 (validation shape)
// for a malformed NIP, 404 for a NIP lama, an unknown NIP or a person not in SIASN.
#include <optional>
#include <string_view>

#include "siasn_state.hpp"
#include "sinkron/sim/http_message.hpp"

namespace sinkron::sim::siasn {

struct NipLookup {
  std::optional<std::uint64_t> person;  // set when found; `records` then holds the person
  HttpResponse failure;                 // the answer when not found
};

NipLookup lookupNip(const SiasnState& state, std::string_view nip,
                    population::PersonRecords& records);

}  // namespace sinkron::sim::siasn

#include "nip_lookup.hpp"

#include "responses.hpp"

namespace sinkron::sim::siasn {

NipLookup lookupNip(const SiasnState& state, std::string_view nip,
                    population::PersonRecords& records) {
  NipLookup out;
  switch (nipShape(nip)) {
    case NipShape::kMalformed: {
      std::string shown(nip.substr(0, 40));
      out.failure = validationFailed({"nipBaru: must be an 18-digit NIP, got '" + shown + "'"});
      return out;
    }
    case NipShape::kNipLama:  // look-ups are by nipBaru only
      out.failure = notFound();
      return out;
    case NipShape::kNipBaru:
      break;
  }
  const population::PopulationGenerator& generator = state.world.population();
  std::optional<std::uint64_t> index = generator.personByNip(nip);
  if (index) {
    generator.records(*index, records);
    if (records.person.inSiasn) {
      out.person = index;
      return out;
    }
  }
  out.failure = notFound();
  return out;
}

}  // namespace sinkron::sim::siasn

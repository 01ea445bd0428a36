#pragma once
// The rw-* histories of a person, generated (not stored) from the seed: a pure function of
// (seed, person index, kind), consistent with the person's data-utama — rw-golongan ends at the
// current golongan and its TMT, rw-jabatan ends with the current position.
#include "history_kind.hpp"
#include "json_out.hpp"
#include "sinkron/population/generator.hpp"

namespace sinkron::sim::siasn {

// Writes the generated rows of `kind` for `records.person` (who must be in SIASN), oldest first,
// each as a JSON object, into an open array of `w`.
void writeGeneratedRows(JsonWriter& w, const population::PopulationGenerator& generator,
                        const population::PersonRecords& records, HistoryKind kind);

}  // namespace sinkron::sim::siasn

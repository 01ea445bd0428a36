#pragma once
// The training-system simulator (diklat / kursus completions):
//
//   GET /api/v1/completions?updated_since=<ISO-8601>&cursor=<opaque>&limit=<1..500, default 100>
//       -> {"data":[{id, nip, nik, nama, nama_pelatihan, jenis:"diklat"|"kursus", jp,
//           tanggal_mulai, tanggal_selesai, nomor_sertifikat, penyelenggara, updated_at}],
//           "next_cursor":"..."|null}
//   GET /api/v1/completions/{id}          -> {"data":{...}}, or 404 {"error":"not found"}
//   GET /_sim/truth/completions/{id}      -> {"id","person":<index>|null,"defects":[...]}
//
// Every /api call needs header X-API-Key = WorldOptions::trainingApiKey (else 401
// {"error":"invalid api key"}); a bad parameter answers 400 {"error":"<param>: ..."}.
// Rows come in the stable order (updated_at, id); updated_since keeps rows updated strictly
// after it (a date-time without a zone is UTC; a date alone is its midnight UTC; a '+' of an
// offset that arrived unencoded, as a space, is accepted); the cursor encodes the last
// (updated_at, id) returned, so paging stays stable however rows are added; next_cursor is null
// on the last page. Dates are yyyy-mm-dd, updated_at is UTC "yyyy-mm-ddThh:mm:ssZ", id a number.
//
// The model (deterministic per population seed and person; only a sorted index of 8 bytes per
// row is kept): "today" is 1 November of the population's asOfYear; every person (all of the
// population, SIASN or not) completed 0-4 courses in each of the two years before it; diklat
// (30 %, JP 20-40, 3-21 days) or kursus (JP 2-24, 1-5 days); rows were entered 1-45 days after
// the course ended and 15 % corrected up to 120 days later. Attendee defects per row:
//   - 0.5 % nobody: NIP and NIK of no one in the population (an outside attendee);
//   - 4 % NIP empty, NIK given;        3 % NIP with one digit mistyped;
//   - a person with a NIP neighbour (a person whose NIP is one digit off theirs, see
//     population Defect::kNipOtherPerson) carries that neighbour's NIP on 25 % of their rows;
//   - 15 % of rows with a NIP have no NIK (null);
//   - 30 % of the names of people with titles are written with them inline; 20 % upper case.
#include <cstdint>
#include <optional>
#include <string_view>

#include "sinkron/sim/router.hpp"
#include "sinkron/sim/world.hpp"

namespace sinkron::sim {

// The router of the training API above. Builds the row index at construction (about 0.5 s per
// million people). `world` must outlive the router.
Router trainingRouter(World& world);

// The population index of the person who really attended completion `completionId` (the id
// as the API shows it), or nullopt when the attendee is nobody in the population or the id is
// not a row of this world.
std::optional<std::uint64_t> trainingAttendeePerson(World& world, std::string_view completionId);

}  // namespace sinkron::sim

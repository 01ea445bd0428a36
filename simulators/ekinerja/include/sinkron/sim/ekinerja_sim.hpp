#pragma once
// The e-Kinerja BKN simulator. No official server API is public, so it is modelled as a
// bearer-token JSON API in the style of a Laravel application:
//
//   POST /oauth/token                 form or JSON: grant_type=client_credentials, client_id,
//                                     client_secret (WorldOptions ekinerjaClientId/Secret)
//                                     -> {"access_token","token_type":"Bearer","expires_in"}
//   GET  /api/v1/skp?nip=&tahun=      -> {"data":{"skp":{id, tahun, periode_awal, periode_akhir,
//                                        nip, jabatan, unor_id, atasan:{nip,nama}|null}}}
//   GET  /api/v1/skp/{id}/penilaian   -> {"data":[{periode, hasil_kerja:{rating,label,
//                                        rencana_hasil_kerja}, perilaku:{rating,label},
//                                        predikat, status}]}
//   GET  /api/v1/penilaian?unor_id=&tahun=&periode=&page=&per_page=
//                                     -> {"data":[{nip,nama,skp_id,periode,hasil_kerja_rating,
//                                        perilaku_rating,predikat,status}],
//                                        "meta":{page,per_page,total,last_page}}
//   GET  /api/v1/pegawai?unor_id=&page=&per_page=
//                                     -> {"data":[{nip,nama,jabatan,unor_id,unor_nama,
//                                        atasan_nip}],"meta":{...}}
//   GET  /_sim/truth/skp?nip=&tahun=  -> the true predikat of every period beside the recorded
//                                        one ({"periode","predikat_tercatat","predikat_benar",
//                                        "salah_input"}), no token needed
//   GET  /_sim/truth/skp/agency?unor_id=&tahun=
//                                     -> {"pegawai":[{nip, pegawai (index), ekinerja (listed),
//                                        periode:{"TW1".."TAHUNAN": listing status}}]}: everyone
//                                        whose SIASN record names the unit; no token needed
//
// Every /api call needs "Authorization: Bearer <token>" (missing, unknown, expired or revoked ->
// 401 {"message":"Unauthenticated."}); bad parameters -> 422 {"message":"The given data was
// invalid.","errors":{"<field>":["..."]}}; a missing SKP -> 404 {"message":"SKP tidak
// ditemukan"}.
//
// The model (deterministic per population seed, person and year):
// - Employees are the SIASN people (Person::inSiasn) whose kedudukan is not Mencapai BUP (98),
//   Pensiun (99) or Diberhentikan (66), in their SIASN unit; the unit head (a structural post,
//   else the highest golongan) is everyone's atasan, the head of the region's Sekretariat Daerah
//   is the heads' atasan, and that head has none (the regent is not an ASN): "atasan":null.
// - Years served: asOfYear-3 .. asOfYear; asOfYear is the year in progress with TW1..TW3
//   appraised and TW4 and the annual appraisal still open (as in November).
// - Periods: quarterly "TW1".."TW4" plus the annual "TAHUNAN"; quarters before the person's TMT
//   CPNS are absent in the year they started.
// - About 5 % of people never filled in SKP for a given year (404; "belum_mengisi" in listings);
//   about 8 % filled in the plan but stopped appraising from some period on ("draft" then
//   "belum_dinilai").
// - Wrong data entered: about 1 % of rated periods carry a predikat that contradicts the ratings
//   (the matrix of ekinerjaPredikat() is the truth; /_sim/truth/skp flags them).
#include <string_view>

#include "sinkron/sim/router.hpp"
#include "sinkron/sim/world.hpp"

namespace sinkron::sim {

// The router of the e-Kinerja API above. Indexes the population's work units at construction
// (about 2 s per million people). `world` must outlive the router.
Router ekinerjaRouter(World& world);

// PermenPANRB 6/2022: the predikat of hasil kerja and perilaku kerja ratings (1 above,
// 2 as expected, 3 below expectation). Empty for a rating outside 1..3.
std::string_view ekinerjaPredikat(int hasilKerjaRating, int perilakuRating);

}  // namespace sinkron::sim

#pragma once
// JSON of the SIMPEG REST answers: snake_case objects as the tables' columns, NULL as null.
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <string_view>

#include "sinkron/sim/simpeg_model.hpp"

namespace sinkron::sim::simpeg {

using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

// `unitName` / `jabatanName` come from the joined tables. `drift`: a field-drift fault renames
// some fields (tgl_lahir -> tanggal_lahir, no_hp -> nomor_hp, jenis_kelamin -> jk).
void writePegawai(JsonWriter& w, const PegawaiRow& row, std::string_view unitName,
                  std::string_view jabatanName, bool drift);
void writeRiwayatPangkat(JsonWriter& w, const RiwayatPangkatRow& row);
void writeRiwayatJabatan(JsonWriter& w, const RiwayatJabatanRow& row);
void writeDiklat(JsonWriter& w, const DiklatRow& row);
void writeUnitKerja(JsonWriter& w, const UnitKerjaRow& row);
void writeJabatan(JsonWriter& w, const JabatanRow& row);

}  // namespace sinkron::sim::simpeg

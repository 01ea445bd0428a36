#include "json_out.hpp"

#include <array>
#include <utility>

namespace sinkron::sim::ekinerja {
namespace {

constexpr std::array<std::pair<std::string_view, std::string_view>, 6> kDrift{{
    {"hasil_kerja_rating", "rating_hasil_kerja"},
    {"perilaku_rating", "rating_perilaku"},
    {"periode_awal", "tgl_awal"},
    {"periode_akhir", "tgl_akhir"},
    {"predikat", "predikat_kinerja"},
    {"unor_id", "id_unor"},
}};

}  // namespace

void JsonOut::key(std::string_view name) {
  if (drift_)
    for (const auto& [from, to] : kDrift)
      if (from == name) {
        name = to;
        break;
      }
  writer_.Key(name.data(), static_cast<rapidjson::SizeType>(name.size()));
}

}  // namespace sinkron::sim::ekinerja

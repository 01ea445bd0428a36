#pragma once
// SimpegService: the handlers of the SIMPEG REST API over one World — the generated rows (through
// the lazily built SimpegDirectory) with the corrections accepted so far.
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "correction_overlay.hpp"
#include "simpeg_directory.hpp"
#include "sinkron/sim/http_message.hpp"
#include "sinkron/sim/world.hpp"

namespace sinkron::sim::simpeg {

class SimpegService {
 public:
  explicit SimpegService(World& world);

  // Every handler checks the API key first.
  HttpResponse listPegawai(const HttpRequest& request);
  HttpResponse getPegawai(const HttpRequest& request);
  HttpResponse patchPegawai(const HttpRequest& request);
  HttpResponse riwayatPangkat(const HttpRequest& request);
  HttpResponse riwayatJabatan(const HttpRequest& request);
  HttpResponse diklat(const HttpRequest& request);
  HttpResponse unitKerja(const HttpRequest& request);
  HttpResponse jabatan(const HttpRequest& request);

 private:
  bool authorized(const HttpRequest& request) const;
  const SimpegDirectory& directory();
  // The row as it reads now (generated + corrections); nullopt when unknown.
  std::optional<PegawaiRow> effectiveRow(std::uint32_t idPegawai);
  // "{id}" is an id_pegawai or an 18-digit nip_baru (the lowest id_pegawai holding it).
  std::optional<PegawaiRow> resolve(std::string_view idOrNip);

  World& world_;
  std::once_flag directoryOnce_;
  std::unique_ptr<const SimpegDirectory> directory_;
  CorrectionOverlay overlay_;
};

}  // namespace sinkron::sim::simpeg

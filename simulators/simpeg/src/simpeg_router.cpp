// simpegRouter: the SIMPEG REST routes, wired to one SimpegService shared by every handler.
#include <memory>

#include "simpeg_service.hpp"
#include "sinkron/sim/simpeg_sim.hpp"

namespace sinkron::sim {

Router simpegRouter(World& world) {
  auto service = std::make_shared<simpeg::SimpegService>(world);
  using Method = HttpResponse (simpeg::SimpegService::*)(const HttpRequest&);
  Router router;
  auto add = [&](const char* method, const char* pattern, Method handler) {
    router.add(method, pattern,
               [service, handler](const HttpRequest& r) { return ((*service).*handler)(r); });
  };
  add("GET", "/api/v1/pegawai", &simpeg::SimpegService::listPegawai);
  add("GET", "/api/v1/pegawai/{id}", &simpeg::SimpegService::getPegawai);
  add("PATCH", "/api/v1/pegawai/{id}", &simpeg::SimpegService::patchPegawai);
  add("GET", "/api/v1/pegawai/{id}/riwayat-pangkat", &simpeg::SimpegService::riwayatPangkat);
  add("GET", "/api/v1/pegawai/{id}/riwayat-jabatan", &simpeg::SimpegService::riwayatJabatan);
  add("GET", "/api/v1/pegawai/{id}/diklat", &simpeg::SimpegService::diklat);
  add("GET", "/api/v1/unit-kerja", &simpeg::SimpegService::unitKerja);
  add("GET", "/api/v1/jabatan", &simpeg::SimpegService::jabatan);
  return router;
}

}  // namespace sinkron::sim

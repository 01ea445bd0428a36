#pragma once
// EkinerjaApi: the handlers of the e-Kinerja routes over the SKP model and the unit index.
// Immutable after construction, so handlers run concurrently without locks (the token issuer
// has its own).
#include <cstdint>
#include <optional>

#include "sinkron/sim/http_message.hpp"
#include "sinkron/sim/world.hpp"
#include "skp_model.hpp"
#include "unit_index.hpp"

namespace sinkron::sim::ekinerja {

class EkinerjaApi {
 public:
  explicit EkinerjaApi(World& world);

  HttpResponse token(const HttpRequest& request) const;
  HttpResponse skp(const HttpRequest& request) const;
  HttpResponse penilaian(const HttpRequest& request) const;
  HttpResponse listPenilaian(const HttpRequest& request) const;
  HttpResponse listPegawai(const HttpRequest& request) const;
  HttpResponse truth(const HttpRequest& request) const;
  HttpResponse agencyTruth(const HttpRequest& request) const;

 private:
  struct Employee {
    population::PersonRecords records;
    Member member;
    std::uint32_t unit = 0;
  };
  // The employee with that NIP, or nullopt (unknown NIP, not in SIASN, retired).
  std::optional<Employee> employeeByNip(std::string_view nip) const;
  std::optional<Employee> employeeByIndex(std::uint64_t index) const;
  static Employment employmentOf(const Member& m) {
    return {m.person, m.startYear, m.startMonth, m.startDay};
  }

  World& world_;
  TokenIssuer& tokens_;
  SkpModel model_;
  UnitIndex units_;
};

}  // namespace sinkron::sim::ekinerja

// Who gets a row every working day: the active employees of the stored SIMPEG records only.
#include <soci/soci.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <random>

#include "sinkron/attendance/active_employees.hpp"

namespace fs = std::filesystem;
using namespace sinkron;

namespace {

struct StoreDir {
  fs::path path = fs::temp_directory_path() / ("sinkron-active-" + std::to_string(::getpid()) +
                                               "-" + std::to_string(std::random_device{}()));
  StoreDir() { fs::create_directories(path); }
  ~StoreDir() {
    std::error_code ignored;
    fs::remove_all(path, ignored);
  }
};

void record(store::StateStore& st, const std::string& connector, const std::string& key,
            const std::string& json, bool missing = false) {
  const std::string stream = "pegawai";
  const long long now = store::nowMillis();
  soci::indicator gone = missing ? soci::i_ok : soci::i_null;
  st.session() << "INSERT INTO source_records (connector, stream, source_key, content_hash, "
                  "record_json, missing_since, updated_at) VALUES (:c, :s, :k, 'h', :j, :m, :u)",
      soci::use(connector), soci::use(stream), soci::use(key), soci::use(json),
      soci::use(now, gone), soci::use(now);
}

}  // namespace

TEST_CASE("active employees: kedudukan 01 or none, current records, distinct NIPs",
          "[attendance][active]") {
  StoreDir dir;
  store::StoreOptions o;
  o.connect = (dir.path / "state.db").string();
  auto st = store::StateStore::open(o);
  REQUIRE(st.ok());
  store::StateStore& state = **st;
  record(state, "simpeg", "1", R"({"nip":"199001012015031001","kedudukan":"01"})");
  record(state, "simpeg", "2",
         R"({"nip":"198502022010012002","kedudukan":"03"})");  // Tugas Belajar
  record(state, "simpeg", "3", R"({"nip":"196001011985031003","kedudukan":"99"})");  // Pensiun
  record(state, "simpeg", "4", R"({"nip":"197707072005011004"})");  // source says nothing
  record(state, "simpeg", "5", R"({"nip":"197707072005011004","kedudukan":"01"})");  // duplicate
  record(state, "simpeg", "6", R"({"nip":"","kedudukan":"01"})");
  record(state, "simpeg", "7", R"({"nip_lama":"010001242","kedudukan":"01"})");
  record(state, "simpeg", "8", R"({"nip":"198808082012121008","kedudukan":"01"})", true);
  record(state, "simpeg", "9", "not json");
  record(state, "other", "1", R"({"nip":"199909092020121009","kedudukan":"01"})");

  auto nips = attendance::activeEmployeeNips(state, "simpeg", "pegawai");
  REQUIRE(nips.ok());
  CHECK(*nips == std::vector<std::string>{"197707072005011004", "199001012015031001"});
  auto none = attendance::activeEmployeeNips(state, "simpeg", "no-such-stream");
  REQUIRE(none.ok());
  CHECK(none->empty());
}

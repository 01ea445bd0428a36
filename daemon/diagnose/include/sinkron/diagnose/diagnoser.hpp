#pragma once
// Diagnoser: one person's records, links and pushes read from the state store (prepared
// statements only, no writes) and checked against the BKN data-quality rules.
#include <string>

#include "sinkron/diagnose/diagnose_report.hpp"
#include "sinkron/mappings/civil_date.hpp"
#include "sinkron/result.hpp"
#include "sinkron/store/state_store.hpp"

namespace sinkron::diagnose {

struct DiagnoseSettings {
  std::string simpegConnector = "simpeg";
  std::string simpegStream = "pegawai";
  // SIMPEG's post table (raw rows keyed id_j, with id_bos: the supervisor's post).
  std::string simpegPostsStream = "jabatan";
  // SIMPEG's unit table (raw rows keyed id_unit_kerja, id_unor_bkn null when not mapped).
  std::string simpegUnitsStream = "unit-kerja";
  std::string siasnConnector = "siasn";
  std::string siasnStream = "data-utama";
  mappings::CivilDate asOf;  // the day retirement age is measured on (invalid: check skipped)
};

// Exactly one way of naming the person: a NIP, a NIK, or a name with a birth date.
struct DiagnoseQuery {
  std::string nip;        // 18 digits
  std::string nik;        // 16 digits
  std::string name;       // any form: titles and spelling variants are normalized
  std::string birthDate;  // with name: yyyy-mm-dd, dd-mm-yyyy or dd/mm/yyyy
};

class Diagnoser {
 public:
  Diagnoser(store::StateStore& store, DiagnoseSettings settings);

  // A person found nowhere is a report with found == false and a note, not an error. Errors:
  // an invalid query (kInvalidArgument) or a store failure (kIo).
  Result<DiagnoseReport> diagnose(const DiagnoseQuery& query);

 private:
  store::StateStore& store_;
  DiagnoseSettings settings_;
};

}  // namespace sinkron::diagnose

#pragma once
// The planners: from what the reconcile step found, decide what to push where.
//  - DifferencePlanner: field differences of matched people, by the ownership policy: SIMPEG-
//    owned email/phone go to SIASN (data-utama-update); SIASN-owned national ids (NIP, old NIP,
//    person id) go back to SIMPEG (pegawai-patch). A difference whose owner has no value is a
//    conflict for a person; one no API can write is counted (it stays in differences.csv).
//  - TrainingPlanner: course completions, attendee resolved to a SIASN person (NIP checked
//    against the name, NIK, or a NIP one digit off with exactly one name-agreeing candidate),
//    pushed as SIASN kursus/save or diklat/save. Unresolved attendees become conflicts.
#include <filesystem>
#include <initializer_list>
#include <string>
#include <string_view>
#include <unordered_map>

#include "push_plan.hpp"
#include "sinkron/store/state_store.hpp"

namespace sinkron::daemon::sync {

// {"k":"v",...} with JSON string escaping: the body of a planned push.
std::string jsonObject(std::initializer_list<std::pair<std::string_view, std::string_view>> kv);

// A SIASN person as the store knows them (from data-utama).
struct SiasnPerson {
  std::string nip, personId, nama, nik;
};

// nip -> person, from the stored SIASN data-utama records.
Result<std::unordered_map<std::string, SiasnPerson>> loadSiasnPeople(store::StateStore& store,
                                                                     const std::string& siasn);

struct DifferencePlanInput {
  std::filesystem::path differencesCsv;  // the reconcile step's differences.csv
  std::string simpegConnector, siasnConnector;
  std::string simpegSource = "simpeg", siasnSource = "siasn";  // owner names in the CSV
  bool contactUpdates = true;
};

Status planDifferences(const DifferencePlanInput& in,
                       const std::unordered_map<std::string, SiasnPerson>& people, PushPlan& plan);

struct TrainingPlanInput {
  std::string trainingConnector, siasnConnector;
  std::string jenisKursusId = "1", jenisKursusIdDiklat = "2";
};

Status planTraining(store::StateStore& store, const TrainingPlanInput& in,
                    const std::unordered_map<std::string, SiasnPerson>& people, PushPlan& plan);

}  // namespace sinkron::daemon::sync

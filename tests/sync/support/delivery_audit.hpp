#pragma once
// Compares what the simulators logged as written with the state store's outbox, and checks that
// training writes target the true attendee of a completion. Each finding is one string.
#include <cstddef>
#include <string>
#include <vector>

#include "sim_server.hpp"
#include "sync_site.hpp"

namespace sinkron::test::sync {

struct DeliveryAudit {
  std::size_t written = 0;                       // SIASN + SIMPEG writes logged
  std::size_t delivered = 0;                     // outbox rows with status delivered
  std::vector<std::string> duplicates;           // keys written more than once
  std::vector<std::string> deliveredNotWritten;  // delivered keys no system logged
  std::vector<std::string> writtenNotDelivered;  // logged keys whose outbox row is not delivered
  std::vector<std::string> unfinished;           // outbox rows still pending or delivering
};

// `writes`: the SIASN and SIMPEG write logs together.
DeliveryAudit auditDelivery(const std::vector<SimWrite>& writes,
                            const std::vector<OutboxRow>& outbox);

// kursus/diklat writes whose (pnsOrangId, start date) is no completion of the person that
// pnsOrangId belongs to, by the simulators' truth.
Result<std::vector<std::string>> misattributedTrainingWrites(SimServer& sim,
                                                             const std::vector<SimWrite>& writes);

// The SIASN and SIMPEG write logs, concatenated.
Result<std::vector<SimWrite>> pushTargetWrites(SimServer& sim);

// Up to `n` entries joined by newlines, for INFO messages.
std::string firstFew(const std::vector<std::string>& items, std::size_t n = 5);

}  // namespace sinkron::test::sync

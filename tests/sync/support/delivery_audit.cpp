#include "delivery_audit.hpp"

#include <map>
#include <set>

namespace sinkron::test::sync {

DeliveryAudit auditDelivery(const std::vector<SimWrite>& writes,
                            const std::vector<OutboxRow>& outbox) {
  DeliveryAudit a;
  a.written = writes.size();
  std::map<std::string, int> timesWritten;
  for (const SimWrite& w : writes) ++timesWritten[w.key];
  for (const auto& [key, n] : timesWritten)
    if (n > 1) a.duplicates.push_back(key + " (" + std::to_string(n) + " times)");

  std::set<std::string> deliveredKeys;
  for (const OutboxRow& row : outbox) {
    if (row.status == "pending" || row.status == "delivering")
      a.unfinished.push_back(row.naturalKey + " (" + row.status + ")");
    if (row.status != "delivered") continue;
    ++a.delivered;
    deliveredKeys.insert(row.naturalKey);
    if (!timesWritten.contains(row.naturalKey)) a.deliveredNotWritten.push_back(row.naturalKey);
  }
  for (const auto& [key, n] : timesWritten)
    if (!deliveredKeys.contains(key)) a.writtenNotDelivered.push_back(key);
  return a;
}

Result<std::vector<SimWrite>> pushTargetWrites(SimServer& sim) {
  auto siasn = sim.writes("siasn");
  if (!siasn) return siasn.error();
  auto simpeg = sim.writes("simpeg");
  if (!simpeg) return simpeg.error();
  siasn->insert(siasn->end(), simpeg->begin(), simpeg->end());
  return std::move(*siasn);
}

Result<std::vector<std::string>> misattributedTrainingWrites(SimServer& sim,
                                                             const std::vector<SimWrite>& writes) {
  auto people = sim.people();
  if (!people) return people.error();
  auto completions = sim.completions();
  if (!completions) return completions.error();
  // personId -> start dates of the completions that person truly attended
  std::map<std::string, std::set<std::string>> datesOf;
  for (const TrainingCompletion& c : *completions) {
    auto person = sim.completionPerson(c.id);
    if (!person) return person.error();
    if (!*person || **person >= people->size()) continue;
    datesOf[(*people)[**person].personId].insert(c.startDmy);
  }
  std::vector<std::string> wrong;
  for (const SimWrite& w : writes) {
    if (!w.key.starts_with("kursus|") && !w.key.starts_with("diklat|")) continue;
    // kind|pnsOrangId|title or structural id|dd-mm-yyyy
    const std::size_t first = w.key.find('|'), second = w.key.find('|', first + 1);
    const std::size_t last = w.key.rfind('|');
    if (second == std::string::npos || last <= second) {
      wrong.push_back(w.key + " (malformed key)");
      continue;
    }
    const std::string pid = w.key.substr(first + 1, second - first - 1);
    const std::string date = w.key.substr(last + 1);
    auto it = datesOf.find(pid);
    if (it == datesOf.end() || !it->second.contains(date)) wrong.push_back(w.key);
  }
  return wrong;
}

std::string firstFew(const std::vector<std::string>& items, std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < items.size() && i < n; ++i) out += items[i] + "\n";
  if (items.size() > n) out += "... (" + std::to_string(items.size()) + " in all)\n";
  return out;
}

}  // namespace sinkron::test::sync

#include <charconv>
#include <memory>

#include "sinkron/sim/training_sim.hpp"
#include "training_api.hpp"

namespace sinkron::sim {

Router trainingRouter(World& world) {
  auto api = std::make_shared<const training::TrainingApi>(world);
  Router router;
  router.add("GET", "/api/v1/completions", [api](const HttpRequest& r) { return api->list(r); });
  router.add("GET", "/api/v1/completions/{id}",
             [api](const HttpRequest& r) { return api->single(r); });
  router.add("GET", "/_sim/truth/completions/{id}",
             [api](const HttpRequest& r) { return api->truth(r); });
  return router;
}

std::optional<std::uint64_t> trainingAttendeePerson(World& world, std::string_view completionId) {
  std::uint32_t id = 0;
  const char* end = completionId.data() + completionId.size();
  auto [stop, ec] = std::from_chars(completionId.data(), end, id);
  if (completionId.empty() || ec != std::errc() || stop != end) return std::nullopt;
  std::optional<training::Completion> row = training::modelOf(world).byId(id);
  if (!row || (row->defects & training::kNobody)) return std::nullopt;
  return row->person;
}

}  // namespace sinkron::sim

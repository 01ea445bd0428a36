#pragma once
// A gauge family whose samples come from a callback at render time.
#include "sinkron/metrics/family.hpp"
#include "sinkron/metrics/registry.hpp"

namespace sinkron::metrics::detail {

class CallbackGaugeFamily final : public FamilyBase {
 public:
  CallbackGaugeFamily(std::string name, std::string help, std::vector<std::string> labelNames,
                      CallbackGaugeFn read);
  void renderTo(std::string& out) const override;

 private:
  CallbackGaugeFn read_;
};

}  // namespace sinkron::metrics::detail

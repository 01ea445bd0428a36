#pragma once
// A secret (password, client secret, token) as a type that cannot be printed by accident: no
// operator<<, no implicit conversion; `reveal()` is explicit and greppable.
#include <string>
#include <utility>

namespace sinkron::security {

class Secret {
 public:
  Secret() = default;
  explicit Secret(std::string value) : value_(std::move(value)) {}
  Secret(const Secret&) = default;
  Secret& operator=(const Secret&) = default;
  ~Secret() { wipe(); }

  const std::string& reveal() const { return value_; }
  bool empty() const { return value_.empty(); }
  // What logs show instead of the value.
  static constexpr const char* kRedacted = "***";

 private:
  void wipe() {
    volatile char* p = value_.data();
    for (std::size_t i = 0; i < value_.size(); ++i) p[i] = 0;
  }
  std::string value_;
};

}  // namespace sinkron::security

#pragma once
// LaravelValidation: checks query parameters the way a Laravel controller's validate() does and
// answers 422 {"message":"The given data was invalid.","errors":{"<field>":["..."]}} with
// Laravel's default English messages (attribute names with '_' shown as spaces).
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sinkron/sim/http_message.hpp"

namespace sinkron::sim::ekinerja {

class LaravelValidation {
 public:
  explicit LaravelValidation(const HttpRequest& request) : request_(request) {}

  // The value, or nullopt after recording "The x field is required." (empty counts as missing).
  std::optional<std::string_view> required(std::string_view name);
  // An integer within [min, max]; `fallback` when absent and not required.
  std::optional<long long> integer(std::string_view name, bool required, long long min,
                                   long long max, std::optional<long long> fallback = {});
  // Exactly `count` decimal digits.
  std::optional<std::string_view> digits(std::string_view name, std::size_t count);
  // One of `allowed`.
  std::optional<std::string_view> oneOf(std::string_view name,
                                        std::initializer_list<std::string_view> allowed);
  // `count` hexadecimal characters (any case).
  std::optional<std::string_view> hex(std::string_view name, std::size_t count);

  void fail(std::string_view name, std::string message);
  bool ok() const { return errors_.empty(); }
  HttpResponse response() const;

 private:
  static std::string attribute(std::string_view name);
  const HttpRequest& request_;
  std::vector<std::pair<std::string, std::vector<std::string>>> errors_;
};

}  // namespace sinkron::sim::ekinerja

#include "sinkron/diagnose/diagnose_report.hpp"

#include <cstdio>

namespace sinkron::diagnose {

std::string OfferedFix::fixId() const {
  std::uint64_t h = 1469598103934665603ULL;  // FNV-1a: stable across builds and restarts
  for (char ch : connector + '|' + naturalKey) {
    h ^= static_cast<unsigned char>(ch);
    h *= 1099511628211ULL;
  }
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

std::optional<Lang> parseLang(std::string_view name) {
  if (name == "id") return Lang::kId;
  if (name == "en") return Lang::kEn;
  return std::nullopt;
}

std::string_view checkStatusName(CheckStatus s) {
  switch (s) {
    case CheckStatus::kPass:
      return "PASS";
    case CheckStatus::kFail:
      return "FAIL";
    case CheckStatus::kWarn:
      return "WARN";
    case CheckStatus::kSkip:
      return "SKIP";
  }
  return "";
}

}  // namespace sinkron::diagnose

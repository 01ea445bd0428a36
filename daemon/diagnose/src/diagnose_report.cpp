#include "sinkron/diagnose/diagnose_report.hpp"

namespace sinkron::diagnose {

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

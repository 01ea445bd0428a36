#pragma once
// Personal ids never reach a log whole: NIP and NIK keep a few leading and trailing digits.
#include <string>
#include <string_view>

namespace sinkron::security {

// "199001312015031002" -> "19900131******1002"; NIK "3404017101900001" -> "340401******0001".
// Other lengths: everything but the last 2 characters starred.
std::string maskId(std::string_view id);

// Replaces every run of 16 or 18 digits (NIK, NIP) in free text with its mask.
std::string maskIdsInText(std::string_view text);

}  // namespace sinkron::security

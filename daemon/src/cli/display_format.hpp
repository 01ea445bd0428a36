#pragma once
// Small formatting shared by the remote commands: JSON members read safely, times, durations
// and status words in the current language.
#include <rapidjson/document.h>

#include <cstdint>
#include <optional>
#include <string>

namespace sinkron::daemon::cli {

std::string jsonText(const rapidjson::Value& object, const char* key);  // "" when absent
std::optional<std::int64_t> jsonInt(const rapidjson::Value& object, const char* key);
std::optional<double> jsonNumber(const rapidjson::Value& object, const char* key);
bool jsonBool(const rapidjson::Value& object, const char* key);

std::string localTime(std::int64_t epochMillis);    // "2026-11-23 20:14:05" (local time)
std::string duration(double seconds);               // "3.2 s", "4 m 05 s", "1 h 02 m"
std::string statusWord(const std::string& status);  // "ok" → "ok" / "berhasil"
std::string yesNo(bool value);

}  // namespace sinkron::daemon::cli

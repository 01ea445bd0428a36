#include "display_format.hpp"

#include <fmt/format.h>

#include <ctime>

#include "messages.hpp"

namespace sinkron::daemon::cli {

std::string jsonText(const rapidjson::Value& o, const char* key) {
  if (!o.IsObject()) return "";
  auto it = o.FindMember(key);
  if (it == o.MemberEnd()) return "";
  if (it->value.IsString()) return {it->value.GetString(), it->value.GetStringLength()};
  if (it->value.IsInt64()) return std::to_string(it->value.GetInt64());
  if (it->value.IsBool()) return it->value.GetBool() ? "true" : "false";
  return "";
}

std::optional<std::int64_t> jsonInt(const rapidjson::Value& o, const char* key) {
  if (!o.IsObject()) return std::nullopt;
  auto it = o.FindMember(key);
  if (it == o.MemberEnd()) return std::nullopt;
  if (it->value.IsInt64()) return it->value.GetInt64();
  if (it->value.IsNumber()) return static_cast<std::int64_t>(it->value.GetDouble());
  return std::nullopt;
}

std::optional<double> jsonNumber(const rapidjson::Value& o, const char* key) {
  if (!o.IsObject()) return std::nullopt;
  auto it = o.FindMember(key);
  if (it == o.MemberEnd() || !it->value.IsNumber()) return std::nullopt;
  return it->value.GetDouble();
}

bool jsonBool(const rapidjson::Value& o, const char* key) {
  if (!o.IsObject()) return false;
  auto it = o.FindMember(key);
  return it != o.MemberEnd() && it->value.IsBool() && it->value.GetBool();
}

std::string localTime(std::int64_t ms) {
  std::time_t t = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  localtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &tm);
  return buf;
}

std::string duration(double s) {
  if (s < 0) return "?";
  if (s < 60) return fmt::format("{:.1f} s", s);
  auto total = static_cast<long long>(s + 0.5);
  if (total < 3600) return fmt::format("{} m {:02} s", total / 60, total % 60);
  return fmt::format("{} h {:02} m", total / 3600, (total % 3600) / 60);
}

std::string statusWord(const std::string& status) {
  const std::string key = "state." + status;
  std::string_view t = text(key);
  return t == key ? status : std::string(t);
}

std::string yesNo(bool value) {
  return std::string(text(value ? "word.yes" : "word.no"));
}

}  // namespace sinkron::daemon::cli

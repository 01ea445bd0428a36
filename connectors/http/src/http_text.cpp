#include "http_text.hpp"

#include <rapidjson/document.h>

#include "sinkron/connectors/http_client.hpp"
#include "sinkron/security/masking.hpp"

namespace sinkron::connectors::http {

std::string urlEncode(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(s.size());
  for (unsigned char c : s) {
    bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                      c == '-' || c == '_' || c == '.' || c == '~';
    if (unreserved) {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

std::string_view Response::header(std::string_view lowerName) const {
  for (const auto& [name, value] : headers)
    if (name == lowerName) return value;
  return {};
}

namespace detail {

std::string authorityOf(std::string_view url) {
  auto scheme = url.find("://");
  std::string_view rest = scheme == std::string_view::npos ? url : url.substr(scheme + 3);
  auto end = rest.find_first_of("/?#");
  if (end != std::string_view::npos) rest = rest.substr(0, end);
  auto at = rest.rfind('@');
  if (at != std::string_view::npos) rest = rest.substr(at + 1);
  return std::string(rest);
}

std::string serverMessage(std::string_view body) {
  constexpr std::size_t kMaxChars = 200;
  rapidjson::Document doc;
  doc.Parse(body.data(), body.size());
  if (!doc.HasParseError() && doc.IsObject()) {
    std::string message;
    for (const char* key : {"message", "data", "error_description", "error"}) {
      auto it = doc.FindMember(key);
      if (it != doc.MemberEnd() && it->value.IsString() && it->value.GetStringLength() > 0) {
        message.assign(it->value.GetString(), it->value.GetStringLength());
        break;
      }
    }
    // Laravel-style validation answers name each bad field under "errors".
    auto errors = doc.FindMember("errors");
    if (errors != doc.MemberEnd() && errors->value.IsObject()) {
      for (auto f = errors->value.MemberBegin(); f != errors->value.MemberEnd(); ++f) {
        message += message.empty() ? "" : "; ";
        message.append(f->name.GetString(), f->name.GetStringLength()).append(": ");
        if (f->value.IsString()) message += f->value.GetString();
        if (f->value.IsArray())
          for (auto& m : f->value.GetArray())
            if (m.IsString()) message.append(m.GetString()).append(" ");
      }
      while (!message.empty() && message.back() == ' ') message.pop_back();
    }
    if (!message.empty()) return security::maskIdsInText(message);
  }
  std::string_view head = body.substr(0, kMaxChars);
  std::string out = security::maskIdsInText(head);
  for (char& c : out)
    if (c == '\n' || c == '\r') c = ' ';
  return out;
}

std::string displayUrl(std::string_view url) {
  return security::maskIdsInText(url);
}

}  // namespace detail
}  // namespace sinkron::connectors::http

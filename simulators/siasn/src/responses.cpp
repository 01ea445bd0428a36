#include "responses.hpp"

#include "json_out.hpp"

namespace sinkron::sim::siasn {

std::string errorCountMessage(const std::vector<std::string>& errors) {
  std::string out = std::to_string(errors.size());
  out += errors.size() == 1 ? " error occurred: " : " errors occurred: ";
  for (std::size_t i = 0; i < errors.size(); ++i) {
    if (i) out += "; ";
    out += errors[i];
  }
  return out;
}

HttpResponse notFound() {
  return HttpResponse::json(404, R"({"code":0,"data":"Data tidak ditemukan"})");
}

HttpResponse validationFailed(const std::vector<std::string>& errors) {
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  w.StartObject();
  putInt(w, "code", 0);
  putNull(w, "data");
  putText(w, "message", errorCountMessage(errors));
  w.EndObject();
  return HttpResponse::json(400, takeString(buffer));
}

HttpResponse businessRule(std::string_view message) {
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  w.StartObject();
  putKey(w, "success");
  w.Bool(false);
  putNull(w, "mapData");
  putText(w, "message", message);
  w.EndObject();
  return HttpResponse::json(200, takeString(buffer));
}

HttpResponse saved(std::string_view idKey, std::string_view id) {
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  w.StartObject();
  putKey(w, "success");
  w.Bool(true);
  if (idKey.empty()) {
    putNull(w, "mapData");
  } else {
    putKey(w, "mapData");
    w.StartObject();
    putText(w, idKey, id);
    w.EndObject();
  }
  putText(w, "message", "success");
  w.EndObject();
  return HttpResponse::json(200, takeString(buffer));
}

HttpResponse gatewayInvalidCredentials(std::string_view context, std::string_view version) {
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  w.StartObject();
  putInt(w, "code", 900901);
  putText(w, "message", "Invalid Credentials");
  std::string description = "Access failure for API: " + std::string(context) +
                            ", version: " + std::string(version) +
                            " status: (900901) - Invalid Credentials. Make sure you have provided "
                            "the correct security credentials";
  putText(w, "description", description);
  w.EndObject();
  HttpResponse res = HttpResponse::json(401, takeString(buffer));
  res.headers.emplace_back("WWW-Authenticate", "OAuth2 realm=\"WSO2 API Manager\"");
  return res;
}

HttpResponse ssoTokenRejected(std::string_view message) {
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  w.StartObject();
  putInt(w, "code", 0);
  putText(w, "message", message);
  w.EndObject();
  return HttpResponse::json(401, takeString(buffer));
}

HttpResponse oauthError(int status, std::string_view error, std::string_view description) {
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  w.StartObject();
  putText(w, "error", error);
  putText(w, "error_description", description);
  w.EndObject();
  return HttpResponse::json(status, takeString(buffer));
}

}  // namespace sinkron::sim::siasn

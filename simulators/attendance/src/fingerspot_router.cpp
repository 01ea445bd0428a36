// The Fingerspot-style cloud: attendance logs and users of the devices registered to it, by
// cloud_id, behind a bearer token. See attendance_sim.hpp for the contract.
#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "sinkron/sim/attendance_sim.hpp"
#include "sinkron/sim/attendance_truth.hpp"

namespace sinkron::sim {
namespace {

using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

constexpr long kMaxSpanDays = 1;  // end_date - start_date: "at most 2 days per call"

HttpResponse answer(int status, bool success, std::string_view message) {
  rapidjson::StringBuffer out;
  JsonWriter w(out);
  w.StartObject();
  w.Key("success");
  w.Bool(success);
  w.Key("message");
  w.String(message.data(), static_cast<rapidjson::SizeType>(message.size()));
  w.EndObject();
  return HttpResponse::json(status, out.GetString());
}

// A string field, or a number written as its text (trans_id and pin come both ways).
std::optional<std::string> textField(const rapidjson::Value& body, const char* name) {
  auto it = body.FindMember(name);
  if (it == body.MemberEnd()) return std::nullopt;
  if (it->value.IsString()) return std::string(it->value.GetString(), it->value.GetStringLength());
  if (it->value.IsUint64()) return std::to_string(it->value.GetUint64());
  return std::nullopt;
}

class Fingerspot {
 public:
  Fingerspot(World& world, std::shared_ptr<const AttendanceModel> model)
      : world_(world), model_(std::move(model)) {}

  HttpResponse getAttlog(const HttpRequest& request) const {
    std::vector<std::string> in;
    if (auto refused = parse(request, in, {"trans_id", "cloud_id", "start_date", "end_date"}))
      return *refused;
    std::optional<mappings::CivilDate> start = mappings::parseIsoDate(in[2]);
    if (!start || !start->valid())
      return answer(400, false, "start_date: expected yyyy-mm-dd, got \"" + in[2] + "\"");
    std::optional<mappings::CivilDate> end = mappings::parseIsoDate(in[3]);
    if (!end || !end->valid())
      return answer(400, false, "end_date: expected yyyy-mm-dd, got \"" + in[3] + "\"");
    long span = end->toDays() - start->toDays();
    if (span < 0) return answer(200, false, "end_date: before start_date");
    if (span > kMaxSpanDays)
      return answer(200, false,
                    "end_date: at most 2 days per request (" + in[2] + " to " + in[3] + " is " +
                        std::to_string(span + 1) + " days)");
    const AttendanceDevice* device = model_->deviceByCloudId(in[1]);
    if (device == nullptr) return answer(200, false, "cloud_id: unknown device " + in[1]);

    rapidjson::StringBuffer out;
    JsonWriter w(out);
    w.StartObject();
    w.Key("success");
    w.Bool(true);
    w.Key("trans_id");
    w.String(in[0]);
    w.Key("data");
    w.StartArray();
    for (long day = start->toDays(); day <= end->toDays(); ++day) {
      auto date = mappings::CivilDate::fromDays(static_cast<std::int32_t>(day));
      for (const Punch& punch : model_->punches(*device, date)) {
        w.StartObject();
        w.Key("pin");
        w.String(punch.pin);
        w.Key(request.fieldDrift ? "scandate" : "scan_date");
        w.String(punch.time);
        w.Key("verify");
        w.Int(punch.verify);
        w.Key(request.fieldDrift ? "status" : "status_scan");
        w.Int(punch.status);
        w.EndObject();
      }
    }
    w.EndArray();
    w.EndObject();
    return HttpResponse::json(200, out.GetString());
  }

  HttpResponse getUserinfo(const HttpRequest& request) const {
    std::vector<std::string> in;
    if (auto refused = parse(request, in, {"trans_id", "cloud_id", "pin"})) return *refused;
    const AttendanceDevice* device = model_->deviceByCloudId(in[1]);
    if (device == nullptr) return answer(200, false, "cloud_id: unknown device " + in[1]);
    std::optional<DeviceUser> user = findUser(*device, in[2]);
    if (!user) return answer(200, false, "pin: no user " + in[2] + " on " + in[1]);
    rapidjson::StringBuffer out;
    JsonWriter w(out);
    w.StartObject();
    w.Key("success");
    w.Bool(true);
    w.Key("trans_id");
    w.String(in[0]);
    w.Key("data");
    w.StartObject();
    w.Key("pin");
    w.String(std::to_string(user->pin));
    w.Key("name");
    w.String(user->name);
    w.Key("privilege");
    w.String("0");
    w.Key("finger");
    w.String(user->verify == kVerifyFinger ? "2" : "1");
    w.Key("face");
    w.String(user->verify == kVerifyFace ? "1" : "0");
    w.Key("rfid");
    w.String(user->verify == kVerifyCard ? std::to_string(100000000 + user->pin * 7919) : "");
    w.EndObject();
    w.EndObject();
    return HttpResponse::json(200, out.GetString());
  }

  HttpResponse getAllPin(const HttpRequest& request) const {
    std::vector<std::string> in;
    if (auto refused = parse(request, in, {"trans_id", "cloud_id"})) return *refused;
    const AttendanceDevice* device = model_->deviceByCloudId(in[1]);
    if (device == nullptr) return answer(200, false, "cloud_id: unknown device " + in[1]);
    rapidjson::StringBuffer out;
    JsonWriter w(out);
    w.StartObject();
    w.Key("success");
    w.Bool(true);
    w.Key("trans_id");
    w.String(in[0]);
    w.Key("data");
    w.StartArray();
    for (std::uint32_t k = 0; k < device->employees; ++k)
      w.String(std::to_string(device->firstPosition + k + 1));
    for (std::uint32_t k = 0; k < device->unmapped; ++k)
      w.String(std::to_string(device->firstUnmappedPin + k));
    w.EndArray();
    w.EndObject();
    return HttpResponse::json(200, out.GetString());
  }

  HttpResponse pinMap(const HttpRequest& request) const {
    auto serial = request.queryParam("sn");
    if (serial && model_->deviceBySerial(*serial) == nullptr)
      return answer(404, false, "sn: unknown device " + std::string(*serial));
    std::string csv = "device_sn,cloud_id,pin,nip,name\n";
    for (const AttendanceDevice& device : model_->devices()) {
      if (serial && *serial != device.serialNumber) continue;
      for (std::uint32_t k = 0; k < device.userCount(); ++k) {
        DeviceUser user = model_->user(device, k);
        csv.append(device.serialNumber).push_back(',');
        csv.append(device.cloudId).push_back(',');
        csv.append(std::to_string(user.pin)).push_back(',');
        csv.append(user.nip).push_back(',');
        csv.append(csvField(user.name)).push_back('\n');
      }
    }
    HttpResponse response = HttpResponse::text(200, std::move(csv));
    response.contentType = "text/csv; charset=utf-8";
    return response;
  }

 private:
  static std::string csvField(const std::string& text) {
    if (text.find_first_of(",\"\n") == std::string::npos) return text;
    std::string out = "\"";
    for (char c : text) {
      if (c == '"') out.push_back('"');
      out.push_back(c);
    }
    out.push_back('"');
    return out;
  }

  bool authorized(const HttpRequest& request) const {
    auto header = request.header("authorization");
    if (!header) return false;
    std::string_view token = bearerToken(*header);
    if (token.empty()) return false;
    if (token == world_.options().fingerspotToken) return true;
    return world_.tokens("fingerspot").check(token) == TokenCheck::kValid;
  }

  // Checks the token and the body; fills `in` in the order of `names`.
  std::optional<HttpResponse> parse(const HttpRequest& request, std::vector<std::string>& in,
                                    std::initializer_list<const char*> names) const {
    if (!authorized(request)) return answer(401, false, "Unauthorized");
    rapidjson::Document body;
    body.Parse(request.body.data(), request.body.size());
    if (body.HasParseError())
      return answer(400, false,
                    std::string("body: invalid JSON at offset ") +
                        std::to_string(body.GetErrorOffset()) + ": " +
                        rapidjson::GetParseError_En(body.GetParseError()));
    if (!body.IsObject()) return answer(400, false, "body: a JSON object is expected");
    for (const char* name : names) {
      std::optional<std::string> value = textField(body, name);
      if (!value || value->empty())
        return answer(400, false,
                      std::string(name) +
                          (body.HasMember(name) ? ": must be a non-empty string" : ": required"));
      in.push_back(std::move(*value));
    }
    return std::nullopt;
  }

  std::optional<DeviceUser> findUser(const AttendanceDevice& device, const std::string& pin) const {
    std::uint32_t number = 0;
    for (char c : pin) {
      if (c < '0' || c > '9' || number > 100000000) return std::nullopt;
      number = number * 10 + static_cast<std::uint32_t>(c - '0');
    }
    bool employee =
        number > device.firstPosition && number <= device.firstPosition + device.employees;
    bool unmapped =
        number >= device.firstUnmappedPin && number < device.firstUnmappedPin + device.unmapped;
    if (!employee && !unmapped) return std::nullopt;
    return model_->userByPin(number);
  }

  World& world_;
  std::shared_ptr<const AttendanceModel> model_;
};

}  // namespace

Router fingerspotRouter(World& world) {
  return fingerspotRouter(world, AttendanceModel::build(world));
}

Router fingerspotRouter(World& world, std::shared_ptr<const AttendanceModel> model) {
  auto cloud = std::make_shared<const Fingerspot>(world, model);
  Router router;
  router.add("POST", "/api/v1/get_attlog",
             [cloud](const HttpRequest& r) { return cloud->getAttlog(r); });
  router.add("POST", "/api/v1/get_userinfo",
             [cloud](const HttpRequest& r) { return cloud->getUserinfo(r); });
  router.add("POST", "/api/v1/get_all_pin",
             [cloud](const HttpRequest& r) { return cloud->getAllPin(r); });
  router.add("GET", "/_sim/attendance/pin-map",
             [cloud](const HttpRequest& r) { return cloud->pinMap(r); });
  addAttendanceTruthRoute(router, std::move(model));
  return router;
}

}  // namespace sinkron::sim

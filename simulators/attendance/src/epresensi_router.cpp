// The regional e-presensi app: a Laravel-style JSON API with a login token and a paginated list
// of person-days. See attendance_sim.hpp for the contract.
#include <charconv>

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "sinkron/sim/attendance_sim.hpp"
#include "sinkron/sim/attendance_truth.hpp"

namespace sinkron::sim {
namespace {

using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;
using FieldErrors = std::vector<std::pair<std::string, std::string>>;

constexpr long kMaxDaysPerCall = 31;
constexpr int kDefaultPerPage = 100, kMaxPerPage = 1000;

HttpResponse message(int status, std::string_view text) {
  rapidjson::StringBuffer out;
  JsonWriter w(out);
  w.StartObject();
  w.Key("message");
  w.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
  w.EndObject();
  return HttpResponse::json(status, out.GetString());
}

HttpResponse invalid(const FieldErrors& errors) {
  rapidjson::StringBuffer out;
  JsonWriter w(out);
  w.StartObject();
  w.Key("message");
  w.String("The given data was invalid.");
  w.Key("errors");
  w.StartObject();
  for (const auto& [field, text] : errors) {
    w.Key(field.c_str(), static_cast<rapidjson::SizeType>(field.size()));
    w.StartArray();
    w.String(text);
    w.EndArray();
  }
  w.EndObject();
  w.EndObject();
  return HttpResponse::json(422, out.GetString());
}

std::optional<mappings::CivilDate> dateParam(const HttpRequest& request, const char* name,
                                             FieldErrors& errors) {
  auto text = request.queryParam(name);
  if (!text || text->empty()) {
    errors.emplace_back(name, std::string(name) + " wajib diisi.");
    return std::nullopt;
  }
  std::optional<mappings::CivilDate> date = mappings::parseIsoDate(*text);
  if (!date || !date->valid()) {
    errors.emplace_back(name, std::string(name) + " bukan tanggal yang valid (yyyy-mm-dd): \"" +
                                  std::string(*text) + "\".");
    return std::nullopt;
  }
  return date;
}

int intParam(const HttpRequest& request, const char* name, int fallback, int lo, int hi,
             FieldErrors& errors) {
  auto text = request.queryParam(name);
  if (!text || text->empty()) return fallback;
  int value = 0;
  auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (ec != std::errc() || end != text->data() + text->size() || value < lo || value > hi) {
    errors.emplace_back(name, std::string(name) + " harus bilangan bulat antara " +
                                  std::to_string(lo) + " dan " + std::to_string(hi) + ".");
    return fallback;
  }
  return value;
}

void nullableString(JsonWriter& w, const std::string& text) {
  if (text.empty()) {
    w.Null();
  } else {
    w.String(text);
  }
}

class Epresensi {
 public:
  Epresensi(World& world, std::shared_ptr<const AttendanceModel> model)
      : world_(world), model_(std::move(model)) {}

  HttpResponse login(const HttpRequest& request) const {
    std::string username, password;
    bool form = request.header("content-type").value_or("").find("x-www-form-urlencoded") !=
                std::string_view::npos;
    if (form) {
      for (auto& [name, value] : parseForm(request.body)) {
        if (name == "username") username = value;
        if (name == "password") password = value;
      }
    } else {
      rapidjson::Document body;
      body.Parse(request.body.data(), request.body.size());
      if (body.HasParseError() || !body.IsObject())
        return message(400, "body: a JSON object {\"username\",\"password\"} is expected");
      if (auto it = body.FindMember("username"); it != body.MemberEnd() && it->value.IsString())
        username = it->value.GetString();
      if (auto it = body.FindMember("password"); it != body.MemberEnd() && it->value.IsString())
        password = it->value.GetString();
    }
    FieldErrors errors;
    if (username.empty()) errors.emplace_back("username", "username wajib diisi.");
    if (password.empty()) errors.emplace_back("password", "password wajib diisi.");
    if (!errors.empty()) return invalid(errors);
    if (username != kEpresensiUsername || password != kEpresensiPassword)
      return message(401, "Username atau password salah.");
    TokenIssuer::Issued issued = world_.tokens("epresensi").issue(username);
    rapidjson::StringBuffer out;
    JsonWriter w(out);
    w.StartObject();
    w.Key("token");
    w.String(issued.token);
    w.Key("token_type");
    w.String("Bearer");
    w.Key("expires_in");
    w.Int64(issued.expiresIn.count());
    w.EndObject();
    return HttpResponse::json(200, out.GetString());
  }

  HttpResponse list(const HttpRequest& request) const {
    auto header = request.header("authorization");
    std::string_view token = header ? bearerToken(*header) : std::string_view();
    if (world_.tokens("epresensi").check(token) != TokenCheck::kValid)
      return message(401, "Unauthenticated.");

    FieldErrors errors;
    auto start = dateParam(request, "tanggal_mulai", errors);
    auto end = dateParam(request, "tanggal_selesai", errors);
    int page = intParam(request, "page", 1, 1, 1000000000, errors);
    int perPage = intParam(request, "per_page", kDefaultPerPage, 1, kMaxPerPage, errors);
    if (start && end) {
      long span = end->toDays() - start->toDays();
      if (span < 0)
        errors.emplace_back(
            "tanggal_selesai",
            "tanggal_selesai harus tanggal setelah atau sama dengan tanggal_mulai.");
      else if (span >= kMaxDaysPerCall)
        errors.emplace_back("tanggal_selesai", "rentang tanggal paling lama " +
                                                   std::to_string(kMaxDaysPerCall) + " hari.");
    }
    if (!errors.empty()) return invalid(errors);

    // The people listed: one unit's employees, or everyone's.
    std::uint32_t first = 0, count = model_->employeeCount();
    const AttendanceDevice* unit = nullptr;
    std::string unorId(request.queryParam("unor_id").value_or(""));
    if (!unorId.empty()) {
      unit = model_->deviceByUnorId(unorId);
      if (unit == nullptr && !model_->knownUnorId(unorId))
        return message(404, "unor_id " + unorId + " tidak ditemukan");
      first = unit ? unit->firstPosition : 0;
      count = unit ? unit->employees : 0;
    }
    std::vector<mappings::CivilDate> days;
    for (long d = start->toDays(); d <= end->toDays(); ++d) {
      auto date = mappings::CivilDate::fromDays(static_cast<std::int32_t>(d));
      if (isWorkingDay(date)) days.push_back(date);
    }
    const std::uint64_t total = static_cast<std::uint64_t>(days.size()) * count;
    const std::uint64_t lastPage = std::max<std::uint64_t>(1, (total + perPage - 1) / perPage);
    const std::uint64_t from = static_cast<std::uint64_t>(page - 1) * perPage;
    const std::uint64_t to = std::min<std::uint64_t>(total, from + perPage);

    rapidjson::StringBuffer out;
    JsonWriter w(out);
    w.StartObject();
    w.Key("data");
    w.StartArray();
    for (std::uint64_t i = from; i < to; ++i) {
      const mappings::CivilDate& date = days[i / count];
      auto position = static_cast<std::uint32_t>(first + i % count);
      DeviceUser user = model_->employeeAt(position);
      PersonDay day = model_->personDay(user.key, date);
      const AttendanceDevice& device = unit ? *unit : model_->deviceOfPosition(position);
      w.StartObject();
      w.Key("nip");
      w.String(user.nip);
      w.Key("tanggal");
      w.String(date.iso());
      w.Key(request.fieldDrift ? "jam_masuk" : "jam_in");
      nullableString(w, day.inSecond >= 0 ? clockTime(day.inSecond) : std::string());
      w.Key(request.fieldDrift ? "jam_pulang" : "jam_out");
      nullableString(w, day.outSecond >= 0 ? clockTime(day.outSecond) : std::string());
      w.Key("lokasi");
      nullableString(w, day.status == DayStatus::kHadir ? device.unitName : std::string());
      w.Key("status");
      w.String(std::string(dayStatusCode(day.status)));
      w.EndObject();
    }
    w.EndArray();
    w.Key("meta");
    w.StartObject();
    w.Key("current_page");
    w.Int(page);
    w.Key("last_page");
    w.Uint64(lastPage);
    w.Key("per_page");
    w.Int(perPage);
    w.Key("total");
    w.Uint64(total);
    w.Key("from");
    if (from < to)
      w.Uint64(from + 1);
    else
      w.Null();
    w.Key("to");
    if (from < to)
      w.Uint64(to);
    else
      w.Null();
    w.EndObject();
    w.EndObject();
    return HttpResponse::json(200, out.GetString());
  }

 private:
  World& world_;
  std::shared_ptr<const AttendanceModel> model_;
};

}  // namespace

Router epresensiRouter(World& world) {
  return epresensiRouter(world, AttendanceModel::build(world));
}

Router epresensiRouter(World& world, std::shared_ptr<const AttendanceModel> model) {
  auto app = std::make_shared<const Epresensi>(world, model);
  Router router;
  router.add("POST", "/api/login", [app](const HttpRequest& r) { return app->login(r); });
  router.add("GET", "/api/v1/presensi", [app](const HttpRequest& r) { return app->list(r); });
  addAttendanceTruthRoute(router, std::move(model));
  return router;
}

}  // namespace sinkron::sim

#include "sim_server.hpp"

#include <rapidjson/document.h>

#include <fstream>
#include <thread>

namespace sinkron::test::sync {
namespace fs = std::filesystem;
namespace {

constexpr auto kStartLimit = std::chrono::seconds(90);
constexpr std::uint64_t kPage = 10000;  // the simulators' largest admin page
constexpr int kMaxPages = 1000;

Result<rapidjson::Document> parseJson(const std::string& text, const std::string& what) {
  rapidjson::Document doc;
  doc.Parse(text.c_str(), text.size());
  if (doc.HasParseError() || !doc.IsObject())
    return Error::parse(what + ": not a JSON object: " + text.substr(0, 200));
  return doc;
}

std::string str(const rapidjson::Value& v, const char* key) {
  auto it = v.FindMember(key);
  return it != v.MemberEnd() && it->value.IsString() ? it->value.GetString() : "";
}

// "2024-03-05" -> "05-03-2024"
std::string isoToDmy(const std::string& iso) {
  if (iso.size() < 10) return iso;
  return iso.substr(8, 2) + "-" + iso.substr(5, 2) + "-" + iso.substr(0, 4);
}

}  // namespace

Result<std::unique_ptr<SimServer>> SimServer::start(const SimOptions& options,
                                                    const fs::path& dir) {
  std::unique_ptr<SimServer> sim(new SimServer());
  const fs::path ports = dir / "sim-ports.json";
  sim->logFile_ = dir / "sim.log";
  ChildSpec spec;
  spec.argv = {SIM_BINARY,
               "--people",
               std::to_string(options.people),
               "--seed",
               std::to_string(options.seed),
               "--ports-file",
               ports.string()};
  if (!options.faultsJson.empty()) {
    const fs::path faults = dir / "sim-faults.json";
    std::ofstream(faults) << options.faultsJson;
    spec.argv.insert(spec.argv.end(), {"--faults", faults.string(), "--fault-seed",
                                       std::to_string(options.faultSeed)});
  }
  spec.stdoutFile = sim->logFile_;
  spec.stderrFile = dir / "sim.err.log";
  auto child = ChildProcess::spawn(spec);
  if (!child) return child.error();
  sim->process_ = std::move(*child);

  const auto deadline = std::chrono::steady_clock::now() + kStartLimit;
  while (!fs::exists(ports)) {
    if (!sim->process_->running())
      return Error::unavailable("sinkron-sim ended before listening: " + readFile(spec.stderrFile) +
                                readFile(sim->logFile_));
    if (std::chrono::steady_clock::now() >= deadline)
      return Error::unavailable("sinkron-sim wrote no ports file within 90 s");
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  // The file appears once written completely (renamed into place); parse until it is whole.
  for (int attempt = 0; attempt < 100; ++attempt) {
    rapidjson::Document doc;
    std::string text = readFile(ports);
    doc.Parse(text.c_str(), text.size());
    if (!doc.HasParseError() && doc.IsObject()) {
      for (const auto& m : doc.GetObject())
        if (m.value.IsString()) sim->urls_[m.name.GetString()] = m.value.GetString();
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  for (const char* system : {"siasn", "sso", "simpeg", "training"})
    if (!sim->urls_.contains(system))
      return Error::parse("sinkron-sim ports file has no " + std::string(system));
  return sim;
}

std::string SimServer::url(const std::string& system) const {
  auto it = urls_.find(system);
  return it == urls_.end() ? "" : it->second;
}

// Admin routes answer on every port; the training port carries no faults in these tests.
Result<std::string> SimServer::admin(const std::string& target) {
  auto reply = http_.get(url("training") + target);
  if (!reply) return reply.error();
  if (reply->status != 200)
    return Error::unavailable(target + ": HTTP " + std::to_string(reply->status) + " " +
                              reply->body.substr(0, 200));
  return std::move(reply->body);
}

Result<std::vector<SimWrite>> SimServer::writes(const std::string& system) {
  std::vector<SimWrite> out;
  for (int page = 0; page < kMaxPages; ++page) {
    auto body = admin("/_sim/writes?system=" + system + "&offset=" + std::to_string(out.size()) +
                      "&limit=" + std::to_string(kPage));
    if (!body) return body.error();
    auto doc = parseJson(*body, "/_sim/writes");
    if (!doc) return doc.error();
    const rapidjson::Value& list = (*doc)["writes"];
    for (const auto& w : list.GetArray()) {
      SimWrite s;
      s.sequence = w["sequence"].GetUint64();
      s.system = str(w, "system");
      s.endpoint = str(w, "endpoint");
      s.key = str(w, "key");
      out.push_back(std::move(s));
    }
    if (list.Size() < kPage) return out;
  }
  return Error::internal("/_sim/writes: more than " + std::to_string(kMaxPages) + " pages");
}

Result<std::uint64_t> SimServer::writeTotal() {
  auto body = admin("/_sim/writes?limit=0");
  if (!body) return body.error();
  auto doc = parseJson(*body, "/_sim/writes");
  if (!doc) return doc.error();
  return (*doc)["total"].GetUint64();
}

Result<std::vector<TruthPerson>> SimServer::people() {
  std::vector<TruthPerson> out;
  for (int page = 0; page < kMaxPages; ++page) {
    auto body = admin("/_sim/truth?offset=" + std::to_string(out.size()) +
                      "&limit=" + std::to_string(kPage));
    if (!body) return body.error();
    auto doc = parseJson(*body, "/_sim/truth");
    if (!doc) return doc.error();
    const rapidjson::Value& items = (*doc)["items"];
    for (const auto& p : items.GetArray()) {
      TruthPerson t;
      t.index = p["index"].GetUint64();
      t.personId = str(p, "personId");
      t.nipBaru = str(p, "nipBaru");
      t.inSimpeg = p["inSimpeg"].GetBool();
      t.inSiasn = p["inSiasn"].GetBool();
      out.push_back(std::move(t));
    }
    if (items.Size() == 0 || out.size() >= (*doc)["people"].GetUint64()) return out;
  }
  return Error::internal("/_sim/truth: more than " + std::to_string(kMaxPages) + " pages");
}

Result<std::vector<TrainingCompletion>> SimServer::completions() {
  std::vector<TrainingCompletion> out;
  std::string cursor;
  for (int page = 0; page < kMaxPages; ++page) {
    auto reply = http_.get(url("training") + "/api/v1/completions?limit=500" +
                               (cursor.empty() ? "" : "&cursor=" + cursor),
                           {"X-API-Key: training-demo-key"});
    if (!reply) return reply.error();
    if (reply->status != 200)
      return Error::unavailable("completions: HTTP " + std::to_string(reply->status));
    auto doc = parseJson(reply->body, "/api/v1/completions");
    if (!doc) return doc.error();
    for (const auto& c : (*doc)["data"].GetArray()) {
      TrainingCompletion t;
      t.id = std::to_string(c["id"].GetUint64());
      t.jenis = str(c, "jenis");
      t.title = str(c, "nama_pelatihan");
      t.startDmy = isoToDmy(str(c, "tanggal_mulai"));
      out.push_back(std::move(t));
    }
    const rapidjson::Value& next = (*doc)["next_cursor"];
    if (!next.IsString()) return out;
    cursor = next.GetString();
  }
  return Error::internal("completions: more than " + std::to_string(kMaxPages) + " pages");
}

Result<std::optional<std::uint64_t>> SimServer::completionPerson(const std::string& id) {
  auto body = admin("/_sim/truth/completions/" + id);
  if (!body) return body.error();
  auto doc = parseJson(*body, "/_sim/truth/completions");
  if (!doc) return doc.error();
  const rapidjson::Value& person = (*doc)["person"];
  if (person.IsNull()) return std::optional<std::uint64_t>();
  return std::optional<std::uint64_t>(person.GetUint64());
}

Result<std::map<std::string, AttendanceTruth>> SimServer::attendanceTruth(
    const std::string& query) {
  auto reply = http_.get(url("epresensi") + "/_sim/attendance/truth?" + query);
  if (!reply) return reply.error();
  if (reply->status != 200)
    return Error::unavailable("/_sim/attendance/truth: HTTP " + std::to_string(reply->status) +
                              " " + reply->body.substr(0, 200));
  auto doc = parseJson(reply->body, "/_sim/attendance/truth");
  if (!doc) return doc.error();
  std::map<std::string, AttendanceTruth> out;
  auto n = [](const rapidjson::Value& v, const char* key) {
    auto it = v.FindMember(key);
    return it != v.MemberEnd() && it->value.IsInt() ? it->value.GetInt() : -1;
  };
  for (const auto& p : (*doc)["pegawai"].GetArray())
    out[str(p, "nip")] = {n(p, "days_recorded"), n(p, "days_present"), n(p, "late_days"),
                          n(p, "late_minutes"),  n(p, "izin"),         n(p, "sakit"),
                          n(p, "cuti"),          n(p, "dinas_luar"),   n(p, "tanpa_keterangan")};
  return out;
}

}  // namespace sinkron::test::sync

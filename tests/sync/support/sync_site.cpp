#include "sync_site.hpp"

#include <rapidjson/document.h>
#include <soci/soci.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "loopback_http.hpp"
#include "sinkron/store/state_store.hpp"

namespace sinkron::test::sync {
namespace fs = std::filesystem;
namespace {

const std::map<std::string, std::string> kDemoSecrets = {
    {"SINKRON_SIMPEG_API_KEY", "simpeg-demo-key"},
    {"SINKRON_SIASN_CONSUMER_SECRET", "demo-secret"},
    {"SINKRON_SIASN_SSO_PASSWORD", "demo-password"},
    {"SINKRON_TRAINING_API_KEY", "training-demo-key"},
    {"SINKRON_EKINERJA_CLIENT_SECRET", "ekinerja-secret"},
    {"SINKRON_FINGERSPOT_TOKEN", "fingerspot-demo-token"},
    {"SINKRON_EPRESENSI_PASSWORD", "epresensi-demo"},
};

bool replaceOnce(std::string& text, const std::string& from, const std::string& to) {
  std::size_t at = text.find(from);
  if (at == std::string::npos) return false;
  text.replace(at, from.size(), to);
  return true;
}

void replaceAll(std::string& text, const std::string& from, const std::string& to) {
  for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at))
    text.replace(at, from.size(), to), at += to.size();
}

// The cloud ids of the devices in a PIN map CSV ("device_sn,cloud_id,pin,nip,name"), each once.
std::vector<std::string> cloudIdsOf(const std::string& pinMapCsv) {
  std::vector<std::string> ids;
  std::istringstream lines(pinMapCsv);
  std::string line;
  std::getline(lines, line);  // the header
  for (int n = 0; n < 1'000'000 && std::getline(lines, line); ++n) {
    const std::size_t first = line.find(','), second = line.find(',', first + 1);
    if (first == std::string::npos || second == std::string::npos) continue;
    std::string id = line.substr(first + 1, second - first - 1);
    if (!id.empty() && std::find(ids.begin(), ids.end(), id) == ids.end())
      ids.push_back(std::move(id));
  }
  return ids;
}

// The demo's attendance section (Fingerspot cloud, then e-presensi, which continues it) with the
// simulators' URLs, plus the holidays. Devices only: the cloud pull of every device in `cloudIds`
// and no e-presensi.
Result<std::string> attendanceText(const std::map<std::string, std::string>& urls,
                                   const SiteOptions& o, const std::vector<std::string>& cloudIds) {
  const fs::path demo = fs::path(SINKRON_SOURCE_DIR) / "deploy/demo";
  std::string text = readFile(demo / "attendance.demo.yaml.in");
  const std::string epresensi =
      o.attendanceDevicesOnly ? std::string() : readFile(demo / "epresensi.demo.yaml.in");
  if (text.empty() || (!o.attendanceDevicesOnly && epresensi.empty()))
    return Error::notFound("cannot read the attendance templates in " + demo.string());
  std::vector<const char*> systems = {"fingerspot"};
  if (o.attendanceDevicesOnly) {
    const std::size_t at = text.find("cloud_ids: [");
    const std::size_t end = text.find(']', at);
    if (at == std::string::npos || end == std::string::npos || cloudIds.empty())
      return Error::parse("attendance.demo.yaml.in: no cloud_ids list, or no devices");
    std::string list = "cloud_ids: [";
    for (std::size_t i = 0; i < cloudIds.size(); ++i) list += (i ? ", " : "") + cloudIds[i];
    text.replace(at, end + 1 - at, list + "]");
  } else {
    text += epresensi;
    systems.push_back("epresensi");
  }
  for (const char* system : systems) {
    if (!urls.contains(system)) return Error::invalid("no URL for " + std::string(system));
    std::string upper(system);
    for (char& c : upper) c = static_cast<char>(c - 'a' + 'A');
    replaceAll(text, "@" + upper + "_URL@", urls.at(system));
  }
  if (!o.holidays.empty()) {
    text += "  holidays:\n";
    for (const std::string& day : o.holidays) text += "    - \"" + day + "\"\n";
  }
  return text;
}

Result<std::string> configText(const std::map<std::string, std::string>& urls, const SiteOptions& o,
                               const std::vector<std::string>& cloudIds) {
  const fs::path templ = fs::path(SINKRON_SOURCE_DIR) / "deploy/demo/sinkron.demo.yaml.in";
  std::string text = readFile(templ);
  if (text.empty()) return Error::notFound("cannot read " + templ.string());
  if (!urls.contains("simpeg")) return Error::invalid("no URL for simpeg");
  replaceAll(text, "@SIMPEG_URL@", urls.at("simpeg"));
  if (!urls.contains("siasn")) return Error::invalid("no URL for siasn");
  replaceAll(text, "@SIASN_URL@", urls.at("siasn"));
  if (!urls.contains("sso")) return Error::invalid("no URL for sso");
  replaceAll(text, "@SSO_URL@", urls.at("sso"));
  if (!urls.contains("training")) return Error::invalid("no URL for training");
  replaceAll(text, "@TRAINING_URL@", urls.at("training"));
  if (!urls.contains("ekinerja")) return Error::invalid("no URL for ekinerja");
  replaceAll(text, "@EKINERJA_URL@", urls.at("ekinerja"));
  replaceAll(text, "@MAPPINGS@", std::string(SINKRON_SOURCE_DIR) + "/deploy/mappings");
  if (!o.postgresConnect.empty() &&
      !replaceOnce(text, "  backend: sqlite\n  path: state/sinkron.db\n",
                   "  backend: postgresql\n  connect: \"" + o.postgresConnect + "\"\n"))
    return Error::parse(templ.string() + ": the store section is not the expected SQLite one");
  // The push section ends the template; the tests set their own.
  std::size_t push = text.find("  push:\n");
  if (push == std::string::npos) return Error::parse(templ.string() + ": no sync.push section");
  text.resize(push);
  std::ostringstream p;
  p << "  push:\n    mode: live\n    max_attempts: " << o.maxAttempts
    << "\n    retry_base_seconds: " << o.retryBaseSeconds
    << "\n    retry_cap_seconds: 30\n    concurrency: " << o.pushConcurrency << "\n";
  if (o.attendance || o.attendanceDevicesOnly) {
    auto section = attendanceText(urls, o, cloudIds);
    if (!section) return section.error();
    p << *section;
  }
  return text + p.str();
}

}  // namespace

std::uint64_t CycleReport::count(const std::string& key) const {
  auto it = counts.find(key);
  return it == counts.end() ? 0 : it->second;
}

ChildSpec sinkronCommand(const std::vector<std::string>& args, const fs::path& dir,
                         const std::string& tag) {
  ChildSpec spec;
  spec.argv.push_back(SINKRON_BINARY);
  spec.argv.insert(spec.argv.end(), args.begin(), args.end());
  spec.stdoutFile = dir / (tag + ".out");
  spec.stderrFile = dir / (tag + ".err");
  spec.setEnv = kDemoSecrets;
  return spec;
}

Result<CycleReport> parseCycleReport(int exitCode, const std::string& out, const std::string& err) {
  CycleReport r;
  r.exitCode = exitCode;
  r.output = "stdout:\n" + out.substr(out.size() > 6000 ? out.size() - 6000 : 0) + "\nstderr:\n" +
             err.substr(0, 4000);
  // Log lines may share stdout with the summary: take the last line that is a JSON object.
  std::string json;
  std::istringstream lines(out);
  for (std::string line; std::getline(lines, line);)
    if (line.starts_with("{")) json = line;
  rapidjson::Document doc;
  doc.Parse(json.c_str(), json.size());
  if (json.empty() || doc.HasParseError() || !doc.IsObject())
    return Error::parse("sinkron sync printed no JSON summary (exit " + std::to_string(exitCode) +
                        ")\n" + r.output);
  for (const auto& m : doc.GetObject()) {
    const std::string name = m.name.GetString();
    if (m.value.IsUint64())
      r.counts[name] = m.value.GetUint64();
    else if (name == "status" && m.value.IsString())
      r.status = m.value.GetString();
    else if (name == "run_dir" && m.value.IsString())
      r.runDir = m.value.GetString();
    else if (name == "problems" && m.value.IsArray())
      for (const auto& p : m.value.GetArray())
        if (p.IsString()) r.problems.push_back(p.GetString());
  }
  return r;
}

Result<SyncSite> SyncSite::create(const fs::path& dir, const SimServer& sim,
                                  const SiteOptions& options) {
  std::map<std::string, std::string> urls;
  for (const char* system : {"simpeg", "siasn", "sso", "training", "ekinerja"})
    urls[system] = sim.url(system);
  if (options.attendance || options.attendanceDevicesOnly)
    for (const char* system : {"fingerspot", "epresensi"})
      if (!sim.url(system).empty()) urls[system] = sim.url(system);
  return create(dir, urls, options);
}

Result<SyncSite> SyncSite::create(const fs::path& dir,
                                  const std::map<std::string, std::string>& urls,
                                  const SiteOptions& options) {
  if (options.attendance && options.attendanceDevicesOnly)
    return Error::invalid("site options: attendance and attendanceDevicesOnly exclude each other");
  std::string pinMap;
  if (options.attendance || options.attendanceDevicesOnly) {
    // The site's PIN->NIP map of its fingerprint devices: the simulated devices' enrolment.
    if (!urls.contains("fingerspot")) return Error::invalid("no URL for fingerspot");
    LoopbackHttp http;
    auto pins = http.get(urls.at("fingerspot") + "/_sim/attendance/pin-map");
    if (!pins) return pins.error();
    if (pins->status != 200)
      return Error::unavailable("pin-map: HTTP " + std::to_string(pins->status));
    pinMap = std::move(pins->body);
  }
  auto text = configText(urls, options, cloudIdsOf(pinMap));
  if (!text) return text.error();
  SyncSite site;
  site.dir_ = dir;
  site.config_ = dir / "sinkron.yaml";
  site.postgresConnect_ = options.postgresConnect;
  std::error_code ec;
  fs::create_directories(dir / "state", ec);
  if (ec) return Error::io("cannot create " + (dir / "state").string() + ": " + ec.message());
  std::ofstream(site.config_) << *text;
  if (!pinMap.empty()) std::ofstream(dir / "pins.csv") << pinMap;
  return site;
}

Result<CycleReport> SyncSite::sync(const std::vector<std::string>& extraArgs,
                                   std::chrono::seconds limit) {
  std::vector<std::string> args = {"sync", "--config", config_.string(), "--json"};
  args.insert(args.end(), extraArgs.begin(), extraArgs.end());
  const std::string tag = "sync-" + std::to_string(++runs_);
  auto done = runToEnd(sinkronCommand(args, dir_, tag), limit);
  if (!done) return done.error();
  return parseCycleReport(done->exitCode, done->out, done->err);
}

Result<std::unique_ptr<ChildProcess>> SyncSite::startSync() {
  // The daemon itself, as systemd would run it, doing one cycle at start.
  const std::string tag = "serve-" + std::to_string(++runs_);
  return ChildProcess::spawn(
      sinkronCommand({"serve", "--config", config_.string(), "--once"}, dir_, tag));
}

namespace {

Result<std::unique_ptr<store::StateStore>> openStore(const fs::path& dir,
                                                     const std::string& postgresConnect) {
  store::StoreOptions o;
  if (postgresConnect.empty()) {
    o.connect = (dir / "state" / "sinkron.db").string();
  } else {
    o.backend = store::Backend::kPostgreSql;
    o.connect = postgresConnect;
  }
  return store::StateStore::open(o);
}

}  // namespace

Result<std::vector<OutboxRow>> SyncSite::outbox() const {
  auto st = openStore(dir_, postgresConnect_);
  if (!st) return st.error();
  std::vector<OutboxRow> rows;
  try {
    soci::rowset<soci::row> result =
        ((*st)->session().prepare << "SELECT connector, natural_key, status, attempts "
                                     "FROM outbox ORDER BY id");
    for (const soci::row& r : result) {
      OutboxRow row;
      row.connector = r.get<std::string>(0);
      row.naturalKey = r.get<std::string>(1);
      row.status = r.get<std::string>(2);
      row.attempts = r.get<int>(3);
      rows.push_back(std::move(row));
    }
  } catch (const std::exception& e) {
    return Error::io(std::string("reading the outbox: ") + e.what());
  }
  return rows;
}

Result<std::vector<DeadLetter>> SyncSite::deadLetters() const {
  auto st = openStore(dir_, postgresConnect_);
  if (!st) return st.error();
  std::vector<DeadLetter> rows;
  try {
    soci::rowset<soci::row> result =
        ((*st)->session().prepare << "SELECT natural_key, reason FROM dead_letters ORDER BY id");
    for (const soci::row& r : result)
      rows.push_back({r.get<std::string>(0), r.get<std::string>(1)});
  } catch (const std::exception& e) {
    return Error::io(std::string("reading the dead letters: ") + e.what());
  }
  return rows;
}

}  // namespace sinkron::test::sync

#include "sinkron/daemon/sync/daemon_config.hpp"

#include <yaml-cpp/yaml.h>

#include <cstdlib>
#include <fstream>

#include "sinkron/connectors/yaml_fields.hpp"
#include "sinkron/scheduler/cron_expression.hpp"
#include "sinkron/scheduler/site_time_zone.hpp"

namespace sinkron::daemon::sync {
namespace {

using connectors::YamlFields;

// A child of a read-only node: yaml-cpp answers a missing key with a "zombie" node on which
// every later call throws, so missing keys become a plain undefined node here.
YAML::Node sub(const YAML::Node& node, const char* key) {
  if (!node.IsDefined() || !node.IsMap() || !node[key])
    return YAML::Node(YAML::NodeType::Undefined);
  return node[key];
}

std::string at(const std::string& origin, const YAML::Node& n) {
  return origin + ":" + std::to_string(n.Mark().line + 1) + ": ";
}

// Replaces "${env:NAME}" and "${file:PATH}" scalars in place, everywhere in the tree.
Status resolveSecrets(YAML::Node node, const std::string& origin,
                      const std::filesystem::path& base) {
  if (node.IsMap() || node.IsSequence()) {
    for (auto it = node.begin(); it != node.end(); ++it) {
      YAML::Node child = node.IsMap() ? it->second : *it;
      if (Status s = resolveSecrets(child, origin, base); !s) return s;
    }
    return {};
  }
  if (!node.IsScalar()) return {};
  const std::string text = node.Scalar();
  if (!text.starts_with("${") || !text.ends_with("}")) return {};
  const std::string inner = text.substr(2, text.size() - 3);
  if (inner.starts_with("env:")) {
    const std::string name = inner.substr(4);
    const char* value = std::getenv(name.c_str());
    if (value == nullptr)
      return Error::invalid(at(origin, node) + "environment variable " + name +
                            " is not set (referenced as " + text + ")");
    node = std::string(value);
    return {};
  }
  if (inner.starts_with("file:")) {
    std::filesystem::path path = inner.substr(5);
    if (path.is_relative()) path = base / path;
    std::ifstream in(path);
    std::string line;
    if (!in || !std::getline(in, line))
      return Error::invalid(at(origin, node) + "cannot read secret file " + path.string());
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    node = line;
    return {};
  }
  return Error::invalid(at(origin, node) + "unknown reference " + text +
                        " (use ${env:NAME} or ${file:PATH})");
}

// Makes relative file keys of a connector section relative to the config's folder.
void anchorPaths(YAML::Node section, const std::filesystem::path& base,
                 std::initializer_list<const char*> keys) {
  for (const char* key : keys) {
    YAML::Node n = section[key];
    if (!n || !n.IsScalar() || n.Scalar().empty()) continue;
    std::filesystem::path p = n.Scalar();
    if (p.is_relative()) n = (base / p).lexically_normal().string();
  }
}

Result<connectors::training::TrainingConfig> parseTraining(const YAML::Node& node,
                                                           const std::string& origin) {
  YamlFields f(node, origin);
  connectors::training::TrainingConfig c;
  if (Status s = f.checkKeys({"type", "name", "base_url", "api_key", "ca_file", "page_size",
                              "max_attempts", "retry_base_delay_ms"});
      !s)
    return s.error();
  std::string key;
  int delay = static_cast<int>(c.retryBaseDelay.count());
  for (Status s : {f.text("name", c.name), f.text("base_url", c.baseUrl), f.text("api_key", key),
                   f.text("ca_file", c.caFile), f.integer("page_size", c.pageSize, 1, 500),
                   f.integer("max_attempts", c.maxAttempts, 1, 20),
                   f.integer("retry_base_delay_ms", delay, 1, 600000)})
    if (!s) return s.error();
  c.apiKey = security::Secret(std::move(key));
  c.retryBaseDelay = std::chrono::milliseconds(delay);
  if (Status s = c.validate(); !s) return Error::invalid(at(origin, node) + s.error().message);
  return c;
}

Status parseStore(const YAML::Node& node, const std::string& origin,
                  const std::filesystem::path& base, store::StoreOptions& out) {
  YamlFields f(node, origin);
  if (Status s = f.checkKeys({"backend", "path", "connect", "durable_commits"}); !s) return s;
  std::string backend = "sqlite", path, connect, durable;
  for (Status s : {f.text("backend", backend), f.text("path", path), f.text("connect", connect),
                   f.text("durable_commits", durable)})
    if (!s) return s;
  Result<store::Backend> b = store::parseBackend(backend);
  if (!b)
    return Error::invalid(at(origin, sub(node, "backend")) + "store.backend: " + b.error().message);
  out.backend = *b;
  out.durableCommits = durable == "true" || durable == "yes";
  if (*b == store::Backend::kSqlite) {
    if (path.empty()) path = "sinkron.db";
    std::filesystem::path p = path;
    out.connect = (p.is_relative() ? base / p : p).lexically_normal().string();
  } else {
    if (connect.empty())
      return Error::invalid(at(origin, node) +
                            "store.connect: the PostgreSQL connection string is required (use "
                            "${env:NAME} or ${file:PATH} for the password)");
    out.connect = connect;
  }
  return {};
}

Result<PushMode> pushModeOf(const std::string& text, const std::string& where) {
  if (text == "live") return PushMode::kLive;
  if (text == "preview") return PushMode::kPreview;
  return Error::invalid(where + "push mode must be live or preview, got '" + text + "'");
}

Status parsePush(const YAML::Node& node, const std::string& origin, PushSettings& p) {
  YamlFields f(node, origin);
  if (Status s =
          f.checkKeys({"mode", "modes", "max_attempts", "retry_base_seconds", "retry_cap_seconds",
                       "concurrency", "jenis_kursus_id", "jenis_kursus_id_diklat"});
      !s)
    return s;
  std::string mode = "live";
  int base = static_cast<int>(p.retryBase.count()), cap = static_cast<int>(p.retryCap.count());
  std::map<std::string, std::string> modes;
  for (Status s :
       {f.text("mode", mode), f.integer("max_attempts", p.maxAttempts, 1, 100),
        f.integer("retry_base_seconds", base, 0, 86400),
        f.integer("retry_cap_seconds", cap, 0, 7 * 86400),
        f.integer("concurrency", p.concurrency, 1, 256), f.text("jenis_kursus_id", p.jenisKursusId),
        f.text("jenis_kursus_id_diklat", p.jenisKursusIdDiklat), f.textMap("modes", modes)})
    if (!s) return s;
  Result<PushMode> m = pushModeOf(mode, at(origin, sub(node, "mode")));
  if (!m) return m.error();
  p.mode = *m;
  for (const auto& [name, text] : modes) {
    Result<PushMode> cm =
        pushModeOf(text, at(origin, sub(sub(node, "modes"), name.c_str())) + name + ": ");
    if (!cm) return cm.error();
    p.connectorModes[name] = *cm;
  }
  p.retryBase = std::chrono::seconds(base);
  p.retryCap = std::chrono::seconds(std::max(base, cap));
  return {};
}

Status parseSync(const YAML::Node& node, const std::string& origin,
                 const std::filesystem::path& base, SyncSettings& s) {
  YamlFields f(node, origin);
  if (Status st =
          f.checkKeys({"schedule", "misfire", "simpeg", "siasn", "training", "match_threshold",
                       "review_threshold", "owners", "push", "plan_contact_updates",
                       "plan_training", "report_dir", "jobs", "ekinerja", "ekinerja_unors"});
      !st)
    return st;
  std::string misfire = "run_once", contact = "true", training = "true", reportDir = "reports";
  std::map<std::string, std::string> owners;
  double match = s.reconcile.thresholds.match, review = s.reconcile.thresholds.review;
  for (Status st :
       {f.text("schedule", s.schedule), f.text("misfire", misfire), f.text("simpeg", s.simpeg),
        f.text("siasn", s.siasn), f.text("training", s.training), f.text("ekinerja", s.ekinerja),
        f.number("match_threshold", match, -100, 100),
        f.number("review_threshold", review, -100, 100), f.textMap("owners", owners),
        f.text("plan_contact_updates", contact), f.text("plan_training", training),
        f.text("report_dir", reportDir), f.textMap("jobs", s.jobSchedules)})
    if (!st) return st;
  if (misfire != "run_once" && misfire != "skip")
    return Error::invalid(at(origin, sub(node, "misfire")) +
                          "sync.misfire must be run_once or skip, got '" + misfire + "'");
  s.misfireRunOnce = misfire == "run_once";
  if (YAML::Node unors = sub(node, "ekinerja_unors"); unors.IsDefined()) {
    if (!unors.IsSequence())
      return Error::invalid(at(origin, unors) + "sync.ekinerja_unors: expected a list of unor ids");
    for (const auto& u : unors) s.ekinerjaUnors.push_back(u.as<std::string>());
  }
  for (const auto& [job, cronText] : s.jobSchedules) {
    const std::string where = at(origin, sub(sub(node, "jobs"), job.c_str()));
    if (job != "push" && job != "attendance")
      return Error::invalid(where + "sync.jobs: unknown job '" + job + "' (push, attendance)");
    if (auto cron = scheduler::CronExpression::parse(cronText); !cron)
      return Error::invalid(where + "sync.jobs." + job + ": " + cron.error().message);
  }
  if (auto cron = scheduler::CronExpression::parse(s.schedule); !cron)
    return Error::invalid(at(origin, sub(node, "schedule")) +
                          "sync.schedule: " + cron.error().message);
  s.planContactUpdates = contact == "true" || contact == "yes";
  s.planTraining = training == "true" || training == "yes";
  s.reconcile.thresholds.match = match;
  s.reconcile.thresholds.review = review;
  if (review > match)
    return Error::invalid(at(origin, node) +
                          "sync.review_threshold must not exceed match_threshold");
  for (const auto& [name, side] : owners) {
    auto field = mappings::fieldByName(name);
    const std::string where = at(origin, sub(sub(node, "owners"), name.c_str()));
    if (!field)
      return Error::invalid(where + "sync.owners: unknown canonical field '" + name + "'");
    if (side != "simpeg" && side != "siasn")
      return Error::invalid(where + "sync.owners." + name + " must be simpeg or siasn, got '" +
                            side + "'");
    s.reconcile.policy.owner[mappings::index(*field)] =
        side == "simpeg" ? OwnerSide::kLeft : OwnerSide::kRight;
  }
  std::filesystem::path rd = reportDir;
  s.reportDir = (rd.is_relative() ? base / rd : rd).lexically_normal();
  return parsePush(sub(node, "push"), origin, s.push);
}

// attendance.epresensi: the regional e-presensi app (login with username and password).
Result<connectors::attendance::EpresensiConfig> parseEpresensi(const YAML::Node& node,
                                                               const std::string& origin,
                                                               const std::filesystem::path& base,
                                                               const std::string& timeZone) {
  YamlFields f(node, origin);
  if (Status s =
          f.checkKeys({"name", "base_url", "login_path", "presensi_path", "username", "password",
                       "unor_ids", "window_days", "per_page", "ca_file", "timeout_ms"});
      !s)
    return s.error();
  connectors::attendance::EpresensiConfig c;
  c.timeZone = timeZone;
  std::string password, caFile;
  int timeoutMs = static_cast<int>(c.client.totalTimeout.count());
  for (Status s :
       {f.text("name", c.name), f.text("base_url", c.baseUrl), f.text("login_path", c.loginPath),
        f.text("presensi_path", c.presensiPath), f.text("username", c.username),
        f.text("password", password), f.integer("window_days", c.windowDays, 1, 31),
        f.integer("per_page", c.perPage, 1, 1000), f.text("ca_file", caFile),
        f.integer("timeout_ms", timeoutMs, 100, 600000)})
    if (!s) return s.error();
  c.password = security::Secret(std::move(password));
  c.client.totalTimeout = std::chrono::milliseconds(timeoutMs);
  if (!caFile.empty()) {
    std::filesystem::path p = caFile;
    c.caFile = (p.is_relative() ? base / p : p).lexically_normal().string();
  }
  if (YAML::Node ids = f.child("unor_ids")) {
    if (!ids.IsSequence())
      return Error::invalid(at(origin, ids) + "attendance.epresensi.unor_ids: expected a list");
    for (const YAML::Node& id : ids) c.unorIds.push_back(id.as<std::string>());
  }
  if (Status s = c.validate(); !s)
    return Error::invalid(at(origin, node) + "attendance.epresensi: " + s.error().message);
  return c;
}

Status parseAttendance(const YAML::Node& node, const std::string& origin,
                       const std::filesystem::path& base, const std::string& timeZone,
                       bool withSecrets, AttendanceSettings& a) {
  if (!node) return {};
  YamlFields f(node, origin);
  if (Status s =
          f.checkKeys({"fingerspot", "adms", "epresensi", "pin_map", "days_back", "work_start",
                       "work_end", "friday_work_end", "grace_minutes", "holidays"});
      !s)
    return s;
  std::string pinMap;
  attendance::RollupRules& r = a.rules;
  r.timeZone = timeZone;
  for (Status s : {f.text("pin_map", pinMap), f.integer("days_back", a.daysBack, 1, 62),
                   f.text("work_start", r.workStart), f.text("work_end", r.workEnd),
                   f.text("friday_work_end", r.fridayWorkEnd),
                   f.integer("grace_minutes", r.graceMinutes, 0, 240)})
    if (!s) return s;
  if (YAML::Node h = node["holidays"]) {
    if (!h.IsSequence())
      return Error::invalid(at(origin, h) + "attendance.holidays: expected a list of yyyy-mm-dd");
    for (const auto& d : h) r.holidays.insert(d.as<std::string>());
  }
  if (Status s = r.validate(); !s)
    return Error::invalid(at(origin, node) + "attendance: " + s.error().message);
  if (!pinMap.empty()) {
    std::filesystem::path p = pinMap;
    a.pinMap = p.is_relative() ? base / p : p;
  }
  if (YAML::Node fs = node["fingerspot"]; fs && withSecrets) {  // reads its token itself
    YAML::Node body = YAML::Clone(fs);
    anchorPaths(body, base, {"ca_file", "token_file"});
    if (!body["time_zone"]) body["time_zone"] = timeZone;
    auto cfg = connectors::attendance::parseFingerspotConfig(body, origin);
    if (!cfg) return cfg.error();
    a.fingerspot = std::move(*cfg);
  }
  if (YAML::Node ep = node["epresensi"]; ep && withSecrets) {
    auto cfg = parseEpresensi(ep, origin, base, timeZone);
    if (!cfg) return cfg.error();
    a.epresensi = std::move(*cfg);
  }
  if (YAML::Node adms = node["adms"]) {
    YAML::Node body = YAML::Clone(adms);
    anchorPaths(body, base, {"certificate_chain", "private_key"});
    if (!body["time_zone"]) body["time_zone"] = timeZone;
    auto cfg = connectors::attendance::parseAdmsReceiverConfig(body, origin);
    if (!cfg) return cfg.error();
    a.adms = std::move(*cfg);
  }
  return {};
}

}  // namespace

PushMode PushSettings::modeOf(const std::string& connector) const {
  auto it = connectorModes.find(connector);
  return it == connectorModes.end() ? mode : it->second;
}

Result<DaemonConfig> loadDaemonConfig(const std::filesystem::path& file, bool withSecrets) {
  DaemonConfig c;
  c.file = file;
  const std::string origin = file.string();
  const std::filesystem::path base =
      std::filesystem::absolute(file).parent_path().lexically_normal();
  YAML::Node root;
  try {
    root = YAML::LoadFile(origin);
  } catch (const YAML::BadFile&) {
    return Error::notFound("cannot open config file " + origin);
  } catch (const YAML::Exception& e) {
    return Error::parse(origin + ":" + std::to_string(e.mark.line + 1) + ": " + e.msg);
  }
  if (!root.IsMap())
    return Error::parse(origin + ": expected a map (site, store, connectors, sync)");
  try {
    if (withSecrets)
      if (Status s = resolveSecrets(root, origin, base); !s) return s.error();
    YamlFields top(root, origin);
    if (Status s =
            top.checkKeys({"site", "store", "log", "connectors", "sync", "attendance", "admin"});
        !s)
      return s.error();

    YamlFields site(root["site"], origin);
    if (Status s = site.checkKeys({"name", "time_zone"}); !s) return s.error();
    for (Status s : {site.text("name", c.siteName), site.text("time_zone", c.timeZone)})
      if (!s) return s.error();
    // Indonesian sites only: WIB, WITA or WIT (aliases are stored as the IANA name).
    auto zone = scheduler::SiteTimeZone::byName(c.timeZone);
    if (!zone || zone->name() == "UTC")
      return Error::invalid(at(origin, root["site"]["time_zone"]) + "site.time_zone '" +
                            c.timeZone + "' (valid: Asia/Jakarta, Asia/Makassar, Asia/Jayapura)");
    c.timeZone = zone->name();

    if (Status s = parseStore(root["store"], origin, base, c.store); !s) return s.error();

    YamlFields log(root["log"], origin);
    if (Status s = log.checkKeys({"format", "level", "file"}); !s) return s.error();
    std::string logFile;
    for (Status s : {log.text("format", c.log.format), log.text("level", c.log.level),
                     log.text("file", logFile)})
      if (!s) return s.error();
    if (c.log.format != "text" && c.log.format != "json")
      return Error::invalid(at(origin, root["log"]["format"]) + "log.format must be text or json");
    if (!logFile.empty()) {
      std::filesystem::path p = logFile;
      c.log.file = p.is_relative() ? base / p : p;
    }

    YAML::Node conns = root["connectors"];
    if (conns && !conns.IsMap())
      return Error::invalid(at(origin, conns) + "connectors: expected a map of instance names");
    for (auto it = conns.begin(); conns && it != conns.end(); ++it) {
      const std::string name = it->first.as<std::string>();
      YAML::Node section = it->second;
      if (!section.IsMap() || !section["type"])
        return Error::invalid(at(origin, section) + "connectors." + name +
                              ": needs a type (simpeg-rest, siasn, training, ekinerja)");
      const std::string type = section["type"].as<std::string>();
      YAML::Node body = YAML::Clone(section);
      body.remove("type");
      if (!body["name"]) body["name"] = name;
      anchorPaths(body, base, {"mapping", "ca_file"});
      if (type == "simpeg-rest") {
        auto cfg = connectors::simpeg::parseSimpegRestConfig(body, origin);
        if (!cfg) return cfg.error();
        c.simpegRest.emplace(name, std::move(*cfg));
      } else if (type == "siasn") {
        auto cfg = connectors::siasn::parseSiasnConfig(body, origin);
        if (!cfg) return cfg.error();
        c.siasn.emplace(name, std::move(*cfg));
      } else if (type == "ekinerja") {
        auto cfg = connectors::ekinerja::parseEkinerjaConfig(body, origin);
        if (!cfg) return cfg.error();
        c.ekinerja.emplace(name, std::move(*cfg));
      } else if (type == "training") {
        auto cfg = parseTraining(section, origin);
        if (!cfg) return cfg.error();
        cfg->name = name;
        c.training.emplace(name, std::move(*cfg));
      } else {
        return Error::invalid(at(origin, section["type"]) + "connectors." + name +
                              ": unknown type '" + type +
                              "' (simpeg-rest, siasn, training, ekinerja)");
      }
    }

    if (Status s = parseSync(root["sync"], origin, base, c.sync); !s) return s.error();
    if (Status s = parseAttendance(root["attendance"], origin, base, c.timeZone, withSecrets,
                                   c.attendance);
        !s)
      return s.error();
    if (YAML::Node admin = root["admin"]; admin.IsDefined()) {
      YamlFields f(admin, origin);
      if (Status s = f.checkKeys({"bind", "port", "tls_certificate", "tls_key"}); !s)
        return s.error();
      std::string cert, key;
      for (Status s : {f.text("bind", c.admin.bind), f.integer("port", c.admin.port, 0, 65535),
                       f.text("tls_certificate", cert), f.text("tls_key", key)})
        if (!s) return s.error();
      if (cert.empty() != key.empty())
        return Error::invalid(at(origin, admin) + "admin: tls_certificate and tls_key go together");
      auto anchored = [&](const std::string& p) {
        std::filesystem::path q = p;
        return p.empty() ? q : (q.is_relative() ? base / q : q);
      };
      c.admin.tlsCertificate = anchored(cert);
      c.admin.tlsKey = anchored(key);
      c.admin.enabled = true;
    }
    const YAML::Node sync = root["sync"];
    if (!c.simpegRest.contains(c.sync.simpeg))
      return Error::invalid(at(origin, sync ? sync : root) +
                            "sync.simpeg: no simpeg-rest connector named '" + c.sync.simpeg + "'");
    if (!c.siasn.contains(c.sync.siasn))
      return Error::invalid(at(origin, sync ? sync : root) +
                            "sync.siasn: no siasn connector named '" + c.sync.siasn + "'");
    if (!c.sync.ekinerja.empty() && !c.ekinerja.contains(c.sync.ekinerja))
      return Error::invalid(at(origin, sync) + "sync.ekinerja: no ekinerja connector named '" +
                            c.sync.ekinerja + "'");
    if (!c.sync.training.empty() && !c.training.contains(c.sync.training))
      return Error::invalid(at(origin, sync) + "sync.training: no training connector named '" +
                            c.sync.training + "'");
  } catch (const YAML::Exception& e) {
    return Error::parse(origin + ":" + std::to_string(e.mark.line + 1) + ": " + e.msg);
  }
  return c;
}

}  // namespace sinkron::daemon::sync

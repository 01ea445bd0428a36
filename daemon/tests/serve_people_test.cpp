// The people routes of the admin API against a running `sinkron serve` over a store filled by
// hand: employee lookup (NIP, NIP one digit off, NIK, name with and without birth date, bad and
// unknown queries, masking, agency scope) and conflict resolution queueing the implied pushes.
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <soci/soci.h>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <regex>
#include <string>

#include "admin_test_support.hpp"
#include "daemon_test_support.hpp"
#include "sinkron/store/state_store.hpp"

namespace fs = std::filesystem;
using sinkron::test::Reply;
using sinkron::test::request;

namespace {

const std::string kNip1 = "199001012015031001", kNip2 = "198505052010012002";
const std::string kNik1 = "3404014101900001";
const std::string kPid1 = "a0b1c2d3e4f5a6b7c8d9e0f1a2b3c401",
                  kPid2 = "a0b1c2d3e4f5a6b7c8d9e0f1a2b3c402";

bool has(const std::string& body, const std::string& text) {
  return body.find(text) != std::string::npos;
}

std::string token(const fs::path& cfg, const std::string& args) {
  auto r = sinkron::test::runCommand(std::string(SINKRON_BINARY) + " token create --config " +
                                     cfg.string() + " " + args + " 2>/dev/null");
  REQUIRE(r.exit == 0);
  while (!r.out.empty() && r.out.back() == '\n') r.out.pop_back();
  return r.out;
}

// Two people in two agencies, each in SIMPEG and SIASN and linked, and conflicts about them.
void fill(soci::session& sql) {
  auto employee = [&](int id, const std::string& nip, const std::string& name,
                      const std::string& json) {
    sql << "INSERT INTO employees (id, nip, name, canonical_json, created_at, updated_at) VALUES "
           "(:i, :n, :m, :j, 0, 0)",
        soci::use(id), soci::use(nip), soci::use(name), soci::use(json);
  };
  auto record = [&](const std::string& connector, const std::string& stream, const std::string& key,
                    int employeeId, const std::string& json) {
    sql << "INSERT INTO source_records (connector, stream, source_key, employee_id, "
           "content_hash, record_json, updated_at) VALUES (:c, :s, :k, :e, 'h', :j, 0)",
        soci::use(connector), soci::use(stream), soci::use(key), soci::use(employeeId),
        soci::use(json);
    sql << "INSERT INTO links (connector, source_key, employee_id, decision, score, explanation, "
           "decided_by, updated_at) VALUES (:c, :k, :e, 'match', 0.98, 'matched', 'sinkron', 0)",
        soci::use(connector), soci::use(key), soci::use(employeeId);
  };
  const std::string p1 = R"({"nip":")" + kNip1 + R"(","nik":")" + kNik1 +
                         R"(","nama":"Ahmad Yani","tgl_lahir":"1990-01-01","unit_id":"A1",)"
                         R"("unit":"Dinas A","kedudukan":"Aktif","person_id":")" +
                         kPid1 + R"("})";
  const std::string p2 = R"({"nip":")" + kNip2 +
                         R"(","nama":"Siti Aminah","tgl_lahir":"1985-05-05","unit_id":"B2",)"
                         R"("unit":"Dinas B","kedudukan":"Aktif","person_id":")" +
                         kPid2 + R"("})";
  employee(1, kNip1, "Ahmad Yani", p1);
  employee(2, kNip2, "Siti Aminah", p2);
  record("simpeg", "pegawai", "100001", 1,
         R"({"nip":")" + kNip1 + R"(","nama":"Dr. H. Ahmad Yani, S.Pd.","unit_id":"77"})");
  record("siasn", "data-utama", kNip1, 1, p1);
  record("simpeg", "pegawai", "100002", 2,
         R"({"nip":")" + kNip2 + R"(","nama":"Siti Aminah","unit_id":"78"})");
  record("siasn", "data-utama", kNip2, 2, p2);
  auto conflict = [&](const std::string& field, const std::string& left, const std::string& right) {
    sql << "INSERT INTO conflicts (field, left_source, left_value, right_source, right_value, "
           "status, reason, created_at) VALUES (:f, 'simpeg', :l, 'siasn', :r, 'open', 'test', 1)",
        soci::use(field), soci::use(left), soci::use(right);
  };
  conflict("email", "100001=", kNip1 + "=ahmad@siasn.go.id");  // 1: SIMPEG lacks it
  conflict("phone", "100002=081234567", kNip2 + "=");          // 2: SIASN lacks it
  conflict("email", "100002=", kNip2 + "=");                   // 3: neither has one
  conflict("golongan", "100001=III/a", kNip1 + "=");           // 4: no route
  conflict("identity", "100002", kNip2);                       // 5: dismissed
  conflict("nip", "100001=" + kNip1, kNip1 + "=");             // 6: bad entered value
}

struct OutboxRow {
  std::string connector, kind, target, naturalKey, payload;
};

std::vector<OutboxRow> outbox(soci::session& sql) {
  std::vector<OutboxRow> rows;
  OutboxRow r;
  soci::statement st = (sql.prepare << "SELECT connector, kind, target_key, natural_key, payload "
                                       "FROM outbox ORDER BY id",
                        soci::into(r.connector), soci::into(r.kind), soci::into(r.target),
                        soci::into(r.naturalKey), soci::into(r.payload));
  st.execute();
  while (st.fetch()) rows.push_back(r);
  return rows;
}

}  // namespace

TEST_CASE("serve: employee lookup and conflict resolution that queues the push",
          "[serve][admin][people]") {
  const fs::path dir = fs::temp_directory_path() / ("sinkron-people-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  const fs::path cfg = dir / "sinkron.yaml";
  sinkron::test::writeClosedPortConfig(cfg);
  const std::string ops = token(cfg, "--name ops --role operator");
  const std::string helpdesk = token(cfg, "--name hd --role helpdesk");
  const std::string helpdeskA = token(cfg, "--name hd-a --role helpdesk --agency A1");
  const std::string opsA = token(cfg, "--name ops-a --role operator --agency A1");
  REQUIRE(ops.size() > 20);

  sinkron::store::StoreOptions o;
  o.connect = (dir / "state.db").string();
  auto st = sinkron::store::StateStore::open(o);
  REQUIRE(st);
  soci::session& sql = (*st)->session();
  fill(sql);

  const std::string bin = SINKRON_BINARY;
  const fs::path log = dir / "log.txt";
  sinkron::test::ServedDaemon daemon(bin, cfg, log);
  const int port = daemon.waitForAdminPort();
  REQUIRE(port > 0);
  auto get = [&](const std::string& path, const std::string& tok) {
    return request(port, "GET", path, tok);
  };

  SECTION("lookup") {
    Reply byNip = get("/api/v1/employees?nip=" + kNip1, helpdesk);
    INFO(byNip.body);
    CHECK(byNip.status == 200);
    CHECK(has(byNip.body, R"("employee_id":1,"nip":"19900101******1001")"));
    CHECK(!has(byNip.body, kNip1));  // masked everywhere
    CHECK(has(byNip.body, R"("nip_one_digit_off":false)"));
    CHECK(has(byNip.body, R"("unor_id":"A1")"));
    CHECK(has(byNip.body, R"("system":"simpeg","type":"simpeg","stream":"pegawai","key":"100001",)"
                          R"("linked":true)"));
    CHECK(has(byNip.body, R"("system":"siasn","type":"siasn")"));
    CHECK(has(byNip.body, R"("nama":"Dr. H. Ahmad Yani, S.Pd.")"));

    std::string offByOne = kNip1;
    offByOne[17] = '7';
    Reply near = get("/api/v1/employees?nip=" + offByOne, helpdesk);
    INFO(near.body);
    CHECK(near.status == 200);
    CHECK(has(near.body, R"("employee_id":1,)"));
    CHECK(has(near.body, R"("nip_one_digit_off":true)"));

    Reply byNik = get("/api/v1/employees?nik=" + kNik1, helpdesk);
    CHECK(byNik.status == 200);
    CHECK(has(byNik.body, R"("employee_id":1,)"));
    CHECK(!has(byNik.body, R"("employee_id":2,)"));

    Reply byName = get("/api/v1/employees?name=ahmad", helpdesk);
    CHECK(has(byName.body, R"("employee_id":1,)"));
    Reply byTitledName =
        get("/api/v1/employees?name=Drs.%20Ahmad%20Yani&birth_date=1990-01-01", helpdesk);
    INFO(byTitledName.body);
    CHECK(has(byTitledName.body, R"("employee_id":1,)"));
    CHECK(get("/api/v1/employees?name=Ahmad%20Yani&birth_date=1991-01-01", helpdesk).body ==
          R"({"employees":[]})");
    CHECK(get("/api/v1/employees?nip=199912312020121001", helpdesk).body == R"({"employees":[]})");
    CHECK(get("/api/v1/employees", helpdesk).status == 400);
    CHECK(get("/api/v1/employees?nip=12345", helpdesk).status == 400);
    CHECK(get("/api/v1/employees?nik=12", helpdesk).status == 400);
    CHECK(get("/api/v1/employees?name=x&birth_date=1990-13-45", helpdesk).status == 400);
    CHECK(get("/api/v1/employees?nip=" + kNip1, "").status == 401);

    // A token of agency A1 sees Ahmad (A1), not Siti (B2).
    CHECK(has(get("/api/v1/employees?nip=" + kNip1, helpdeskA).body, R"("employee_id":1,)"));
    CHECK(get("/api/v1/employees?nip=" + kNip2, helpdeskA).body == R"({"employees":[]})");
    CHECK(has(get("/api/v1/employees?nip=" + kNip2, helpdesk).body, R"("employee_id":2,)"));
  }

  SECTION("conflicts: scope, resolution and the pushes it queues") {
    Reply all = get("/api/v1/conflicts", helpdesk);
    CHECK(has(all.body, R"("id":2,)"));
    Reply scoped = get("/api/v1/conflicts", helpdeskA);
    INFO(scoped.body);
    CHECK(has(scoped.body, R"("id":1,)"));
    CHECK(has(scoped.body, R"("id":4,)"));
    CHECK(!has(scoped.body, R"("id":2,)"));
    CHECK(!has(scoped.body, R"("id":5,)"));

    auto resolve = [&](int id, const std::string& body, const std::string& tok) {
      return request(port, "POST", "/api/v1/conflicts/" + std::to_string(id) + "/resolve", tok,
                     body);
    };
    const std::string right = R"({"resolution":"right","reason":"checked the SK"})";
    CHECK(resolve(1, right, helpdesk).status == 403);
    CHECK(resolve(2, right, opsA).status == 404);  // another agency's conflict

    Reply r1 = resolve(1, right, opsA);
    INFO(r1.body);
    CHECK(r1.status == 200);
    CHECK(has(r1.body, R"("resolved":1,"queued":[1])"));
    CHECK(resolve(1, right, ops).status == 409);

    Reply r2 = resolve(2, R"({"resolution":"left","reason":"number from the person"})", ops);
    INFO(r2.body);
    CHECK(has(r2.body, R"("queued":[2])"));

    Reply r3 =
        resolve(3, R"({"resolution":"value","value":"siti@kab.go.id","reason":"asked her"})", ops);
    INFO(r3.body);
    CHECK(has(r3.body, R"("queued":[3,4])"));

    Reply r4 = resolve(4, R"({"resolution":"left","reason":"SK pangkat"})", ops);
    INFO(r4.body);
    CHECK(r4.status == 200);
    CHECK(has(r4.body, R"("queued":[],"note":"no API route writes golongan)"));

    Reply r5 = resolve(5, R"({"resolution":"dismiss","reason":"two people"})", ops);
    CHECK(has(r5.body, R"("queued":[])"));
    CHECK(has(r5.body, "dismissed"));

    Reply r6 = resolve(6, R"({"resolution":"value","value":"12","reason":"typo"})", ops);
    CHECK(r6.status == 400);
    CHECK(has(get("/api/v1/conflicts", ops).body, R"("id":6,)"));  // still open

    const auto rows = outbox(sql);
    REQUIRE(rows.size() == 4);
    CHECK(rows[0].connector == "simpeg");
    CHECK(rows[0].kind == "pegawai-patch");
    CHECK(rows[0].target == "100001");
    CHECK(rows[0].naturalKey == "pegawai|100001|email=ahmad@siasn.go.id");
    CHECK(rows[0].payload == R"({"email":"ahmad@siasn.go.id"})");
    CHECK(rows[1].connector == "siasn");
    CHECK(rows[1].kind == "data-utama-update");
    CHECK(rows[1].target == kNip2);
    CHECK(rows[1].naturalKey == "data-utama-update|" + kPid2 + "|nomor_hp=081234567");
    CHECK(rows[1].payload == R"({"pns_orang_id":")" + kPid2 + R"(","nomor_hp":"081234567"})");
    CHECK(rows[2].payload == R"({"email":"siti@kab.go.id"})");
    CHECK(rows[2].target == "100002");
    CHECK(rows[3].payload == R"({"pns_orang_id":")" + kPid2 + R"(","email":"siti@kab.go.id"})");

    // The outbox list: all four for an unscoped token, only Ahmad's (A1) for A1's operator.
    Reply unscopedOutbox = get("/api/v1/outbox", ops);
    CHECK(has(unscopedOutbox.body, R"("id":1,)"));
    CHECK(has(unscopedOutbox.body, R"("id":4,)"));
    Reply scopedOutbox = get("/api/v1/outbox", opsA);
    INFO(scopedOutbox.body);
    CHECK(scopedOutbox.status == 200);
    CHECK(has(scopedOutbox.body, R"("id":1,)"));
    CHECK(!has(scopedOutbox.body, R"("id":2,)"));
    CHECK(!has(scopedOutbox.body, R"("id":3,)"));
    CHECK(!has(scopedOutbox.body, R"("id":4,)"));

    std::string resolvedValue, resolvedBy;
    sql << "SELECT resolved_value, resolved_by FROM conflicts WHERE id = 3",
        soci::into(resolvedValue), soci::into(resolvedBy);
    CHECK(resolvedValue == "siti@kab.go.id");
    CHECK(resolvedBy == "operator:ops");
    int history = 0;
    sql << "SELECT COUNT(*) FROM change_history WHERE entity = 'conflict' AND new_value LIKE "
           "'%queued%'",
        soci::into(history);
    CHECK(history == 3);
  }
  fs::remove_all(dir);
}

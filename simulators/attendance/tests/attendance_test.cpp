// The ADMS device emulator against a tiny ADMS receiver written here (Beast, 127.0.0.1, port 0)
// that can fail the first N ATTLOG posts (500, closed connection, or no answer at all).
#include <atomic>
#include <chrono>
#include <filesystem>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include <unistd.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <catch2/catch.hpp>

#include "attendance_test_support.hpp"
#include "sinkron/sim/attendance_sim.hpp"
#include "sinkron/sim/sim_server.hpp"
#include "sinkron/sim/test_certificates.hpp"

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using namespace sinkron::sim;
using sinkron::Result;
using sinkron::sim::testing::smallWorld;

namespace {

enum class FailMode { kNone, kStatus500, kCloseConnection, kNoAnswer };

struct ReceivedPost {
  std::string serial, stamp, body;
  bool acknowledged = false;
};

class AdmsReceiver {
 public:
  AdmsReceiver(FailMode mode, int failFirstPosts)
      : mode_(mode),
        failFirst_(failFirstPosts),
        acceptor_(io_, {asio::ip::make_address("127.0.0.1"), 0}) {
    asio::co_spawn(io_, acceptLoop(), asio::detached);
    thread_ = std::thread([this] { io_.run(); });
  }
  ~AdmsReceiver() {
    io_.stop();
    thread_.join();
  }
  std::string url() const {
    return "http://127.0.0.1:" + std::to_string(acceptor_.local_endpoint().port());
  }
  std::vector<ReceivedPost> posts() const {
    std::lock_guard lock(mutex_);
    return posts_;
  }
  std::map<std::string, int> handshakes() const {
    std::lock_guard lock(mutex_);
    return handshakes_;
  }
  int polls() const {
    std::lock_guard lock(mutex_);
    return polls_;
  }

 private:
  asio::awaitable<void> acceptLoop() {
    for (int i = 0; i < 10000; ++i) {
      boost::system::error_code ec;
      tcp::socket socket =
          co_await acceptor_.async_accept(asio::redirect_error(asio::use_awaitable, ec));
      if (ec) co_return;
      asio::co_spawn(io_, session(std::move(socket)), asio::detached);
    }
  }

  asio::awaitable<void> session(tcp::socket socket) {
    beast::tcp_stream stream(std::move(socket));
    beast::flat_buffer buffer;
    for (int i = 0; i < 100000; ++i) {
      boost::system::error_code ec;
      http::request<http::string_body> request;
      co_await http::async_read(stream, buffer, request,
                                asio::redirect_error(asio::use_awaitable, ec));
      if (ec) co_return;
      HttpRequest parsed;
      parsed.target = std::string(request.target());
      if (!parsed.parseTarget()) co_return;  // (Catch assertions are not for this thread)
      std::string serial(parsed.queryParam("SN").value_or(""));
      int status = 200;
      std::string body = "OK";
      if (request.method() == http::verb::get && parsed.path == "/iclock/cdata") {
        std::lock_guard lock(mutex_);
        ++handshakes_[serial];
        body = "GET OPTION FROM: " + serial +
               "\nStamp=9999\nATTLOGStamp=None\nErrorDelay=30\nDelay=10\nTransTimes=00:00;14:05\n"
               "TransInterval=1\nTransFlag=1111000000\nRealtime=1\nEncrypt=0\n";
      } else if (request.method() == http::verb::get && parsed.path == "/iclock/getrequest") {
        std::lock_guard lock(mutex_);
        ++polls_;
      } else if (request.method() == http::verb::post && parsed.path == "/iclock/cdata" &&
                 parsed.queryParam("table") == "ATTLOG") {
        bool fail = false;
        {
          std::lock_guard lock(mutex_);
          fail = static_cast<int>(posts_.size()) < failFirst_;
          posts_.push_back({serial, std::string(parsed.queryParam("Stamp").value_or("")),
                            request.body(), !fail});
        }
        if (fail && mode_ == FailMode::kCloseConnection) co_return;
        if (fail && mode_ == FailMode::kNoAnswer) {
          // Hold the request unanswered; the device times out and re-sends elsewhere.
          asio::steady_timer timer(io_, std::chrono::seconds(2));
          co_await timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
          co_return;
        }
        if (fail) {
          status = 500;
          body = "internal error";
        } else {
          body = "OK: " +
                 std::to_string(std::count(request.body().begin(), request.body().end(), '\n'));
        }
      } else {
        status = 404;
        body = "not found";
      }
      http::response<http::string_body> response{static_cast<http::status>(status), 11};
      response.set(http::field::content_type, "text/plain");
      response.keep_alive(request.keep_alive());
      response.body() = body;
      response.prepare_payload();
      co_await http::async_write(stream, response, asio::redirect_error(asio::use_awaitable, ec));
      if (ec || !request.keep_alive()) co_return;
    }
  }

  FailMode mode_;
  int failFirst_;
  asio::io_context io_;
  tcp::acceptor acceptor_;
  std::thread thread_;
  mutable std::mutex mutex_;
  std::vector<ReceivedPost> posts_;
  std::map<std::string, int> handshakes_;
  int polls_ = 0;
};

AdmsRunOptions runOptions(const std::string& url) {
  AdmsRunOptions o;
  o.serverUrl = url;
  o.devices = 2;
  o.firstDate = "2026-03-02";  // Monday
  o.days = 2;
  o.batchSize = 2;  // the small world's devices have a dozen punches: several batches
  o.maxAttempts = 10;
  o.swappedFirmwareFraction = 0.5;  // device 1 runs the swapped firmware
  o.retryBackoffMs = 5;
  o.maxBackoffMs = 20;
  o.pollEveryBatches = 3;
  o.requestTimeoutMs = 5000;
  return o;
}

// The lines each device must deliver, in order.
std::map<std::string, std::vector<std::string>> expectedLines(const AttendanceModel& model,
                                                              const AdmsRunOptions& o) {
  std::map<std::string, std::vector<std::string>> out;
  auto first = *sinkron::mappings::parseIsoDate(o.firstDate);
  for (int d = 0; d < o.devices; ++d) {
    const AttendanceDevice& device = model.devices()[static_cast<std::size_t>(d)];
    bool swapped = admsFirmwareSwapped(static_cast<std::size_t>(d), o.swappedFirmwareFraction);
    auto& lines = out[device.serialNumber];
    for (int day = 0; day < o.days; ++day)
      for (const Punch& p :
           model.punches(device, sinkron::mappings::CivilDate::fromDays(first.toDays() + day)))
        lines.push_back(admsLine(p, swapped));
  }
  return out;
}

std::vector<std::string> splitLines(const std::string& body) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < body.size()) {
    std::size_t end = body.find('\n', start);
    if (end == std::string::npos) end = body.size();
    out.push_back(body.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

std::vector<std::string> splitTabs(const std::string& line) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (std::size_t end; (end = line.find('\t', start)) != std::string::npos; start = end + 1)
    out.push_back(line.substr(start, end - start));
  out.push_back(line.substr(start));
  return out;
}

// Every expected line arrived at least once; every re-sent batch is byte-identical.
void checkDelivery(const AdmsReceiver& receiver,
                   const std::map<std::string, std::vector<std::string>>& expected) {
  std::map<std::pair<std::string, std::string>, std::string> bodyOf;
  std::map<std::string, std::vector<std::string>> delivered;
  for (const ReceivedPost& post : receiver.posts()) {
    auto [it, inserted] = bodyOf.emplace(std::make_pair(post.serial, post.stamp), post.body);
    CHECK(it->second == post.body);
    if (!post.acknowledged) continue;
    for (std::string& line : splitLines(post.body)) delivered[post.serial].push_back(line);
  }
  for (const auto& [serial, lines] : expected) {
    std::multiset<std::string> got(delivered[serial].begin(), delivered[serial].end());
    for (const std::string& line : lines) CHECK(got.count(line) >= 1);
  }
}

}  // namespace

TEST_CASE("Fingerprint devices push every punch in order over the ADMS protocol", "[adms]") {
  World world(smallWorld());
  AttendanceModel model(world.population(), world.options().fingerspotCloudId);
  AdmsReceiver receiver(FailMode::kNone, 0);
  AdmsRunOptions options = runOptions(receiver.url());
  auto expected = expectedLines(model, options);

  Result<AdmsRunStats> stats = runAdmsDevices(options, world);
  REQUIRE(stats);
  std::uint64_t total = 0;
  for (const auto& [serial, lines] : expected) total += lines.size();
  REQUIRE(total > 0);
  CHECK(stats->punches == total);
  CHECK(stats->failures == 0);
  CHECK(stats->resends == 0);
  CHECK(stats->batchesSent == stats->batchesAcknowledged);
  CHECK(stats->handshakes == 2);
  CHECK(stats->polls >= 2);
  CHECK(receiver.polls() == static_cast<int>(stats->polls));
  CHECK(receiver.handshakes().size() == 2);
  REQUIRE(stats->swappedSerials == std::vector<std::string>{model.devices()[1].serialNumber});

  // Batches arrive in order, at most batchSize lines, Stamp = lines sent so far.
  std::map<std::string, std::vector<std::string>> delivered;
  for (const ReceivedPost& post : receiver.posts()) {
    std::vector<std::string> lines = splitLines(post.body);
    CHECK(lines.size() <= 2);
    auto& all = delivered[post.serial];
    all.insert(all.end(), lines.begin(), lines.end());
    CHECK(post.stamp == std::to_string(all.size()));
  }
  CHECK(delivered == expected);

  // The swapped-firmware device writes verify in the status column and status in verify.
  auto first = *sinkron::mappings::parseIsoDate(options.firstDate);
  std::vector<Punch> truth = model.punches(model.devices()[1], first);
  REQUIRE_FALSE(truth.empty());
  const std::vector<std::string>& swappedLines = delivered[model.devices()[1].serialNumber];
  for (std::size_t i = 0; i < truth.size(); ++i) {
    std::vector<std::string> fields = splitTabs(swappedLines[i]);
    REQUIRE(fields.size() == 7);
    CHECK(fields[0] == truth[i].pin);
    CHECK(fields[1] == truth[i].time);
    CHECK(fields[2] == std::to_string(truth[i].verify));
    CHECK(fields[3] == std::to_string(truth[i].status));
  }
  std::vector<std::string> plain = splitTabs(delivered[model.devices()[0].serialNumber].front());
  Punch firstPlain = model.punches(model.devices()[0], first).front();
  CHECK(plain[2] == std::to_string(firstPlain.status));
  CHECK(plain[3] == std::to_string(firstPlain.verify));
}

TEST_CASE("Batches that are not acknowledged are re-sent unchanged", "[adms]") {
  World world(smallWorld());
  AttendanceModel model(world.population(), world.options().fingerspotCloudId);
  auto [mode, failures] = GENERATE(table<FailMode, int>(
      {{FailMode::kStatus500, 5}, {FailMode::kCloseConnection, 3}, {FailMode::kNoAnswer, 1}}));
  AdmsReceiver receiver(mode, failures);
  AdmsRunOptions options = runOptions(receiver.url());
  if (mode == FailMode::kNoAnswer) options.requestTimeoutMs = 200;
  // The receiver's ErrorDelay=30 s becomes the back-off, capped by maxBackoffMs (20 ms here).
  if (mode == FailMode::kStatus500) options.honourServerDelays = true;

  Result<AdmsRunStats> stats = runAdmsDevices(options, world);
  REQUIRE(stats);
  CHECK(stats->failures == 0);
  CHECK(stats->resends == static_cast<std::uint64_t>(failures));
  CHECK(stats->batchesSent == stats->batchesAcknowledged + static_cast<std::uint64_t>(failures));
  CHECK(receiver.posts().size() == stats->batchesSent);
  checkDelivery(receiver, expectedLines(model, options));
  if (mode != FailMode::kStatus500) CHECK(stats->connects > 2);  // reconnected after the error
}

TEST_CASE("A device gives up after maxAttempts and the run reports it", "[adms]") {
  World world(smallWorld());
  SECTION("receiver always fails") {
    AdmsReceiver receiver(FailMode::kStatus500, 1000000);
    AdmsRunOptions options = runOptions(receiver.url());
    options.maxAttempts = 3;
    Result<AdmsRunStats> stats = runAdmsDevices(options, world);
    REQUIRE(stats);
    CHECK(stats->failures == 2);
    CHECK(stats->batchesAcknowledged == 0);
    CHECK(stats->punches == 0);
    CHECK(stats->batchesSent == 6);
    CHECK(stats->resends == 4);
  }
  SECTION("nobody listens") {
    std::string url;
    {
      AdmsReceiver gone(FailMode::kNone, 0);
      url = gone.url();
    }
    AdmsRunOptions options = runOptions(url);
    options.maxAttempts = 2;
    Result<AdmsRunStats> stats = runAdmsDevices(options, world);
    REQUIRE(stats);
    CHECK(stats->failures == 2);
    CHECK(stats->handshakes == 0);
    CHECK(stats->batchesSent == 0);
  }
}

TEST_CASE("runAdmsDevices rejects bad options naming the field", "[adms]") {
  World world(smallWorld());
  AdmsRunOptions good = runOptions("http://127.0.0.1:9");
  auto [field, edit] = GENERATE(table<std::string, std::function<void(AdmsRunOptions&)>>({
      {"serverUrl", [](AdmsRunOptions& o) { o.serverUrl = "ftp://127.0.0.1:21"; }},
      {"serverUrl", [](AdmsRunOptions& o) { o.serverUrl = "http://127.0.0.1:99999"; }},
      {"devices", [](AdmsRunOptions& o) { o.devices = 0; }},
      {"devices", [](AdmsRunOptions& o) { o.devices = 100000; }},
      {"firstDate", [](AdmsRunOptions& o) { o.firstDate = "2026-13-01"; }},
      {"firstDate", [](AdmsRunOptions& o) { o.firstDate.clear(); }},
      {"batchSize", [](AdmsRunOptions& o) { o.batchSize = 0; }},
      {"maxAttempts", [](AdmsRunOptions& o) { o.maxAttempts = 0; }},
      {"swappedFirmwareFraction", [](AdmsRunOptions& o) { o.swappedFirmwareFraction = 1.5; }},
  }));
  AdmsRunOptions options = good;
  edit(options);
  Result<AdmsRunStats> stats = runAdmsDevices(options, world);
  REQUIRE_FALSE(stats);
  CHECK(stats.error().message.find(field) != std::string::npos);
}

TEST_CASE("The handshake answer is parsed whatever subset the receiver sends", "[adms]") {
  AdmsServerOptions full = parseAdmsServerOptions(
      "GET OPTION FROM: CQZ7224560123\r\nStamp=9999\nATTLOGStamp=120\nErrorDelay=60\nDelay=5\n"
      "TransTimes=00:00;14:05\nTransInterval=2\nTransFlag=1111000000\nRealtime=0\nEncrypt=0\n");
  CHECK(full.serialNumber == "CQZ7224560123");
  CHECK(full.stamp == "9999");
  CHECK(full.attlogStamp == "120");
  CHECK(full.errorDelaySeconds == 60);
  CHECK(full.delaySeconds == 5);
  CHECK(full.transTimes == "00:00;14:05");
  CHECK(full.transIntervalMinutes == 2);
  CHECK(full.transFlag == "1111000000");
  CHECK_FALSE(full.realtime);
  CHECK_FALSE(full.encrypt);

  AdmsServerOptions subset = parseAdmsServerOptions("ATTLOGStamp=None\nDelay=abc\ngarbage\n");
  CHECK(subset.serialNumber.empty());
  CHECK(subset.attlogStamp == "None");
  CHECK(subset.delaySeconds == 10);  // unparsable: default kept
  CHECK(subset.realtime);
  CHECK(parseAdmsServerOptions("").errorDelaySeconds == 30);
}

TEST_CASE("Swapped firmware is spread evenly over the devices", "[adms]") {
  CHECK_FALSE(admsFirmwareSwapped(0, 0.5));
  CHECK(admsFirmwareSwapped(1, 0.5));
  CHECK_FALSE(admsFirmwareSwapped(2, 0.5));
  int swapped = 0;
  for (std::size_t i = 0; i < 100; ++i) swapped += admsFirmwareSwapped(i, 0.25);
  CHECK(swapped == 25);
  for (std::size_t i = 0; i < 10; ++i) CHECK_FALSE(admsFirmwareSwapped(i, 0.0));
}

namespace {

// The receiver side as a simulator router, to run the devices against the HTTPS SimServer.
Router admsReceiverRouter(std::shared_ptr<std::atomic<int>> acknowledged) {
  Router router;
  router.add("GET", "/adms/iclock/cdata", [](const HttpRequest& r) {
    return HttpResponse::text(200,
                              "GET OPTION FROM: " + std::string(r.queryParam("SN").value_or("")) +
                                  "\nATTLOGStamp=None\nRealtime=1\n");
  });
  router.add("POST", "/adms/iclock/cdata", [acknowledged](const HttpRequest&) {
    ++*acknowledged;
    return HttpResponse::text(200, "OK");
  });
  router.add("GET", "/adms/iclock/getrequest",
             [](const HttpRequest&) { return HttpResponse::text(200, "OK"); });
  return router;
}

std::filesystem::path freshTempDir(const std::string& name) {
  auto dir = std::filesystem::temp_directory_path() /
             (name + "-" + std::to_string(::getpid()) + "-" +
              std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()));
  std::filesystem::create_directories(dir);
  return dir;
}

}  // namespace

TEST_CASE("Devices push over HTTPS when they trust the receiver's CA", "[adms][tls]") {
  World world(smallWorld());
  std::filesystem::path dir = freshTempDir("sinkron-adms-tls");
  Result<CertificateFiles> certificates = writeTestCertificates(dir);
  REQUIRE(certificates);
  auto acknowledged = std::make_shared<std::atomic<int>>(0);
  SimServerOptions serverOptions;
  serverOptions.system = "adms";
  serverOptions.tls = certificates->tlsFiles();
  serverOptions.adminRoutes = false;
  auto server = SimServer::start(serverOptions, admsReceiverRouter(acknowledged), world);
  REQUIRE(server);
  AdmsRunOptions options = runOptions((*server)->baseUrl() + "/adms/");
  REQUIRE(options.serverUrl.rfind("https://127.0.0.1:", 0) == 0);

  SECTION("trusted CA") {
    options.caFile = certificates->caCertificate.string();
    Result<AdmsRunStats> stats = runAdmsDevices(options, world);
    REQUIRE(stats);
    CHECK(stats->failures == 0);
    CHECK(stats->batchesAcknowledged > 0);
    CHECK(static_cast<std::uint64_t>(acknowledged->load()) == stats->batchesAcknowledged);
  }
  SECTION("system trust store only: verification fails, devices give up") {
    options.maxAttempts = 2;
    Result<AdmsRunStats> stats = runAdmsDevices(options, world);
    REQUIRE(stats);
    CHECK(stats->failures == 2);
    CHECK(stats->handshakes == 0);
    CHECK(acknowledged->load() == 0);
  }
  SECTION("a CA file that does not exist is an error naming caFile") {
    options.caFile = (dir / "missing.pem").string();
    Result<AdmsRunStats> stats = runAdmsDevices(options, world);
    REQUIRE_FALSE(stats);
    CHECK(stats.error().message.find("caFile") != std::string::npos);
  }
  (*server)->stop();
  std::filesystem::remove_all(dir);
}

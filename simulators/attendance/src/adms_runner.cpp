// runAdmsDevices: ZKTeco devices pushing their attendance log to an ADMS receiver, as the push
// protocol does it — handshake, command polls, ATTLOG batches re-sent until acknowledged.
#include <algorithm>
#include <exception>

#include <openssl/ssl.h>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "sinkron/sim/attendance_sim.hpp"

#include "adms_connection.hpp"

namespace sinkron::sim {
namespace {

namespace asio = boost::asio;
using attendance::AdmsConnection;
using attendance::HttpExchange;
using attendance::ServerUrl;
using boost::beast::http::verb;

struct Run {
  const AdmsRunOptions& options;
  const AttendanceModel& model;
  ServerUrl url;
  std::vector<mappings::CivilDate> dates;
  asio::ssl::context* tls = nullptr;
  AdmsRunStats stats;
  std::size_t nextDevice = 0;
  std::size_t deviceCount = 0;
};

bool answered(const HttpExchange& exchange) {
  return !exchange.error && exchange.status == 200;
}

bool acknowledged(const HttpExchange& exchange) {
  if (exchange.error || exchange.status != 200) return false;
  std::string_view body = exchange.body;
  while (!body.empty() && (body.front() == ' ' || body.front() == '\r' || body.front() == '\n'))
    body.remove_prefix(1);
  return body.rfind("OK", 0) == 0;
}

asio::awaitable<void> backOff(const AdmsRunOptions& options, long long firstDelayMs, int retry) {
  long long delay = firstDelayMs;
  for (int i = 1; i < retry && delay < options.maxBackoffMs; ++i) delay *= 2;
  delay = std::min<long long>(delay, options.maxBackoffMs);
  if (delay <= 0) co_return;
  auto executor = co_await asio::this_coro::executor;
  asio::steady_timer timer(executor, std::chrono::milliseconds(delay));
  boost::system::error_code ignored;
  co_await timer.async_wait(asio::redirect_error(asio::use_awaitable, ignored));
}

// Sends one request until `accept` holds or the attempts run out. POSTs count as batches.
template <class Accept>
asio::awaitable<std::optional<HttpExchange>> sendUntil(Run& run, AdmsConnection& connection,
                                                       verb method, const std::string& target,
                                                       const std::string& body, long long backoffMs,
                                                       Accept accept) {
  for (int attempt = 1; attempt <= run.options.maxAttempts; ++attempt) {
    if (attempt > 1) {
      if (method == verb::post) ++run.stats.resends;
      co_await backOff(run.options, backoffMs, attempt - 1);
    }
    if (method == verb::post) ++run.stats.batchesSent;
    std::string targetCopy = target, bodyCopy = body;
    HttpExchange exchange =
        co_await connection.send(method, std::move(targetCopy), std::move(bodyCopy));
    if (accept(exchange)) co_return exchange;
  }
  co_return std::nullopt;
}

asio::awaitable<void> poll(Run& run, AdmsConnection& connection, const std::string& serial) {
  // One attempt: a device that misses a poll simply polls again later.
  std::string target = run.url.basePath + "/iclock/getrequest?SN=" + serial;
  HttpExchange exchange = co_await connection.send(verb::get, std::move(target), std::string());
  if (!exchange.error && exchange.status == 200) ++run.stats.polls;
}

asio::awaitable<bool> sendBatch(Run& run, AdmsConnection& connection, const std::string& cdata,
                                std::uint64_t stamp, const std::string& body, std::uint64_t lines,
                                long long backoffMs) {
  const std::string target = cdata + "&table=ATTLOG&Stamp=" + std::to_string(stamp);
  auto answer =
      co_await sendUntil(run, connection, verb::post, target, body, backoffMs, acknowledged);
  if (!answer) co_return false;
  ++run.stats.batchesAcknowledged;
  run.stats.punches += lines;
  co_return true;
}

// Returns false when the device gave up.
asio::awaitable<bool> pushDevice(Run& run, AdmsConnection& connection,
                                 const AttendanceDevice& device, bool swapped) {
  const std::string& sn = device.serialNumber;
  const std::string cdata = run.url.basePath + "/iclock/cdata?SN=" + sn;
  const std::string options = cdata + "&options=all&pushver=2.4.1&language=69";
  const std::string noBody;
  auto handshake = co_await sendUntil(run, connection, verb::get, options, noBody,
                                      run.options.retryBackoffMs, answered);
  if (!handshake) co_return false;
  ++run.stats.handshakes;
  long long backoffMs = run.options.retryBackoffMs;
  if (run.options.honourServerDelays)
    backoffMs = 1000LL * parseAdmsServerOptions(handshake->body).errorDelaySeconds;
  co_await poll(run, connection, sn);

  std::string body;
  std::uint64_t lines = 0, stamp = 0, batches = 0;
  const auto batchSize = static_cast<std::uint64_t>(run.options.batchSize);
  const auto pollEvery = static_cast<std::uint64_t>(run.options.pollEveryBatches);
  for (const mappings::CivilDate& date : run.dates) {
    const std::vector<Punch> punches = run.model.punches(device, date);
    for (const Punch& punch : punches) {
      body.append(admsLine(punch, swapped)).push_back('\n');
      ++lines;
      ++stamp;
      if (lines < batchSize) continue;
      bool sent = co_await sendBatch(run, connection, cdata, stamp, body, lines, backoffMs);
      if (!sent) co_return false;
      body.clear();
      lines = 0;
      ++batches;
      if (pollEvery > 0 && batches % pollEvery == 0) co_await poll(run, connection, sn);
    }
  }
  if (lines > 0) {
    bool sent = co_await sendBatch(run, connection, cdata, stamp, body, lines, backoffMs);
    if (!sent) co_return false;
  }
  co_return true;
}

asio::awaitable<void> worker(Run& run) {
  auto executor = co_await asio::this_coro::executor;
  while (run.nextDevice < run.deviceCount) {
    std::size_t index = run.nextDevice++;
    const AttendanceDevice& device = run.model.devices()[index];
    bool swapped = admsFirmwareSwapped(index, run.options.swappedFirmwareFraction);
    if (swapped) run.stats.swappedSerials.push_back(device.serialNumber);
    AdmsConnection connection(executor, run.url, run.tls,
                              std::chrono::milliseconds(run.options.requestTimeoutMs));
    bool pushed = co_await pushDevice(run, connection, device, swapped);
    if (!pushed) ++run.stats.failures;
    run.stats.connects += connection.connects();
  }
}

Status checkRange(const char* field, long long value, long long lo, long long hi) {
  if (value >= lo && value <= hi) return {};
  return Error::invalid(std::string(field) + ": " + std::to_string(value) + " is not within " +
                        std::to_string(lo) + ".." + std::to_string(hi));
}

Status validate(const AdmsRunOptions& o, const AttendanceModel& model) {
  const long long available = static_cast<long long>(model.devices().size());
  if (o.devices > available)
    return Error::invalid("devices: " + std::to_string(o.devices) +
                          " requested but the population has only " + std::to_string(available) +
                          " work units with active employees");
  for (Status s :
       {checkRange("devices", o.devices, 1, available), checkRange("days", o.days, 1, 3660),
        checkRange("batchSize", o.batchSize, 1, 10000),
        checkRange("maxAttempts", o.maxAttempts, 1, 1000),
        checkRange("concurrency", o.concurrency, 1, 1024),
        checkRange("requestTimeoutMs", o.requestTimeoutMs, 1, 600000),
        checkRange("retryBackoffMs", o.retryBackoffMs, 0, 600000),
        checkRange("maxBackoffMs", o.maxBackoffMs, o.retryBackoffMs, 600000),
        checkRange("pollEveryBatches", o.pollEveryBatches, 0, 1000000)})
    if (!s) return s;
  if (!(o.swappedFirmwareFraction >= 0.0 && o.swappedFirmwareFraction <= 1.0))
    return Error::invalid("swappedFirmwareFraction: " + std::to_string(o.swappedFirmwareFraction) +
                          " is not within 0..1");
  return {};
}

Status configureTls(asio::ssl::context& context, const AdmsRunOptions& options) {
  SSL_CTX_set_min_proto_version(context.native_handle(), TLS1_2_VERSION);
  boost::system::error_code ec;
  if (options.caFile.empty()) {
    context.set_default_verify_paths(ec);
  } else {
    context.load_verify_file(options.caFile, ec);
  }
  if (ec)
    return Error::io("caFile \"" + options.caFile +
                     "\": cannot load the CA certificates: " + ec.message());
  context.set_verify_mode(asio::ssl::verify_peer);
  return {};
}

}  // namespace

Result<AdmsRunStats> runAdmsDevices(const AdmsRunOptions& options, World& world) {
  AttendanceModel model(world.population(), world.options().fingerspotCloudId);
  return runAdmsDevices(options, model);
}

Result<AdmsRunStats> runAdmsDevices(const AdmsRunOptions& options, const AttendanceModel& model) {
  Result<ServerUrl> url = attendance::parseServerUrl(options.serverUrl);
  if (!url) return url.error();
  if (Status s = validate(options, model); !s) return s.error();
  std::optional<mappings::CivilDate> first = mappings::parseIsoDate(options.firstDate);
  if (!first || !first->valid())
    return Error::invalid("firstDate: \"" + options.firstDate + "\" is not a yyyy-mm-dd date");

  Run run{options, model, *url, {}, nullptr, {}, 0, static_cast<std::size_t>(options.devices)};
  for (int d = 0; d < options.days; ++d)
    run.dates.push_back(mappings::CivilDate::fromDays(first->toDays() + d));
  std::optional<asio::ssl::context> tls;
  if (url->tls) {
    tls.emplace(asio::ssl::context::tls_client);
    if (Status s = configureTls(*tls, options); !s) return s.error();
    run.tls = &*tls;
  }

  asio::io_context io(1);
  std::exception_ptr failure;
  int workers = std::min(options.concurrency, options.devices);
  for (int w = 0; w < workers; ++w)
    asio::co_spawn(io, worker(run), [&failure](std::exception_ptr e) {
      if (e && !failure) failure = e;
    });
  io.run();
  if (failure) {
    try {
      std::rethrow_exception(failure);
    } catch (const std::exception& e) {
      return Error::internal(std::string("runAdmsDevices: ") + e.what());
    } catch (...) {
      return Error::internal("runAdmsDevices: unknown exception in a device");
    }
  }
  return std::move(run.stats);
}

}  // namespace sinkron::sim

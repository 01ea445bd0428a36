// The ADMS receiver's HTTP(S) server: Beast coroutines on a small thread pool; the protocol
// itself is AdmsHandler.
#include "sinkron/connectors/attendance/adms_receiver.hpp"

#include <optional>
#include <thread>
#include <vector>

#include <openssl/ssl.h>
#include <spdlog/spdlog.h>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

namespace sinkron::connectors::attendance {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using boost::system::error_code;

constexpr int kMaxRequestsPerConnection = 1000000;  // a bound for the read loop

}  // namespace

struct AdmsReceiver::Impl {
  AdmsReceiverConfig config;
  std::shared_ptr<PunchStore> store;
  std::unique_ptr<AdmsHandler> handler;
  std::optional<asio::ssl::context> tls;
  std::unique_ptr<asio::io_context> io;
  std::optional<tcp::acceptor> acceptor;
  std::vector<std::thread> threads;
  std::uint16_t port = 0;
  AdmsStats finalStats;
  bool stopped = false;

  template <class Stream>
  asio::awaitable<void> serve(Stream& stream) {
    beast::flat_buffer buffer;
    for (int i = 0; i < kMaxRequestsPerConnection; ++i) {
      error_code ec;
      http::request_parser<http::string_body> parser;
      parser.body_limit(config.bodyLimit);
      beast::get_lowest_layer(stream).expires_after(config.idleTimeout);
      co_await http::async_read(stream, buffer, parser,
                                asio::redirect_error(asio::use_awaitable, ec));
      AdmsAnswer answer;
      bool keepAlive = false;
      if (ec == http::error::body_limit) {
        answer = {413, "request body larger than " + std::to_string(config.bodyLimit) + " bytes"};
      } else if (ec) {
        co_return;  // closed, idle or malformed: nothing to answer
      } else {
        http::request<http::string_body>& request = parser.get();
        keepAlive = request.keep_alive();
        answer = handler->handle(std::string_view(request.method_string()),
                                 std::string_view(request.target()), request.body());
      }
      http::response<http::string_body> response{static_cast<http::status>(answer.status), 11};
      response.set(http::field::server, "sinkron-adms");
      response.set(http::field::content_type, "text/plain");
      response.keep_alive(keepAlive);
      response.body() = std::move(answer.body);
      response.prepare_payload();
      beast::get_lowest_layer(stream).expires_after(config.idleTimeout);
      co_await http::async_write(stream, response, asio::redirect_error(asio::use_awaitable, ec));
      if (ec || !keepAlive) break;
    }
    error_code ignored;
    beast::get_lowest_layer(stream).socket().shutdown(tcp::socket::shutdown_send, ignored);
  }

  asio::awaitable<void> session(tcp::socket socket) {
    error_code ignored;
    socket.set_option(tcp::no_delay(true), ignored);
    if (!tls) {
      beast::tcp_stream stream(std::move(socket));
      co_await serve(stream);
      co_return;
    }
    beast::ssl_stream<beast::tcp_stream> stream(beast::tcp_stream(std::move(socket)), *tls);
    beast::get_lowest_layer(stream).expires_after(config.idleTimeout);
    error_code ec;
    co_await stream.async_handshake(asio::ssl::stream_base::server,
                                    asio::redirect_error(asio::use_awaitable, ec));
    if (ec) co_return;
    co_await serve(stream);
  }

  asio::awaitable<void> acceptLoop() {
    while (acceptor && acceptor->is_open()) {
      error_code ec;
      tcp::socket socket =
          co_await acceptor->async_accept(asio::redirect_error(asio::use_awaitable, ec));
      if (ec == asio::error::operation_aborted || !acceptor->is_open()) co_return;
      if (ec) continue;
      asio::co_spawn(*io, session(std::move(socket)), asio::detached);
    }
  }
};

AdmsReceiver::AdmsReceiver(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
AdmsReceiver::~AdmsReceiver() {
  stop();
}

std::uint16_t AdmsReceiver::port() const {
  return impl_->port;
}

std::string AdmsReceiver::baseUrl() const {
  return std::string(impl_->tls ? "https" : "http") + "://" + impl_->config.bindAddress + ":" +
         std::to_string(impl_->port) + impl_->config.pathPrefix;
}

AdmsStats AdmsReceiver::stats() const {
  return impl_->handler ? impl_->handler->stats() : impl_->finalStats;
}

void AdmsReceiver::stop() {
  Impl& s = *impl_;
  if (s.stopped) return;
  s.stopped = true;
  s.io->stop();
  for (std::thread& t : s.threads) t.join();
  s.threads.clear();
  s.acceptor.reset();
  s.io.reset();  // destroys every connection (closing its socket)
  s.finalStats = s.handler->stats();
  spdlog::info("[{}] stopped on port {}: {} batches, {} punches stored, {} duplicates",
               s.config.name, s.port, s.finalStats.batches, s.finalStats.inserted,
               s.finalStats.duplicates);
}

Result<std::unique_ptr<AdmsReceiver>> AdmsReceiver::start(AdmsReceiverConfig config,
                                                          std::shared_ptr<PunchStore> store) {
  if (Status s = config.validate(); !s) return Error::invalid("adms " + s.error().message);
  if (!store) return Error::invalid("adms: no punch store");
  auto impl = std::make_unique<Impl>();
  impl->config = std::move(config);
  impl->store = store;
  impl->handler = std::make_unique<AdmsHandler>(impl->config, std::move(store));
  const std::string where = impl->config.bindAddress + ":" + std::to_string(impl->config.port);
  if (!impl->config.certificateChain.empty()) {
    impl->tls.emplace(asio::ssl::context::tls_server);
    SSL_CTX_set_min_proto_version(impl->tls->native_handle(), TLS1_2_VERSION);
    error_code ec;
    impl->tls->use_certificate_chain_file(impl->config.certificateChain, ec);
    if (ec)
      return Error::io("adms certificate_chain \"" + impl->config.certificateChain +
                       "\": " + ec.message());
    impl->tls->use_private_key_file(impl->config.privateKey, asio::ssl::context::pem, ec);
    if (ec)
      return Error::io("adms private_key \"" + impl->config.privateKey + "\": " + ec.message());
  }
  impl->io = std::make_unique<asio::io_context>(impl->config.threads);
  try {
    tcp::endpoint endpoint(asio::ip::make_address(impl->config.bindAddress), impl->config.port);
    impl->acceptor.emplace(*impl->io);
    impl->acceptor->open(endpoint.protocol());
    impl->acceptor->set_option(tcp::acceptor::reuse_address(true));
    impl->acceptor->bind(endpoint);
    impl->acceptor->listen(asio::socket_base::max_listen_connections);
    impl->port = impl->acceptor->local_endpoint().port();
  } catch (const std::exception& e) {
    return Error::unavailable("adms: cannot listen on " + where + ": " + e.what());
  }
  asio::co_spawn(*impl->io, impl->acceptLoop(), asio::detached);
  Impl* raw = impl.get();
  for (int i = 0; i < raw->config.threads; ++i)
    raw->threads.emplace_back([raw] { raw->io->run(); });
  spdlog::info("[{}] ADMS receiver listening on {}://{}:{}{}", raw->config.name,
               raw->tls ? "https" : "http", raw->config.bindAddress, raw->port,
               raw->config.pathPrefix);
  return std::unique_ptr<AdmsReceiver>(new AdmsReceiver(std::move(impl)));
}

}  // namespace sinkron::connectors::attendance

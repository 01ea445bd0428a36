#include "sinkron/sim/sim_server.hpp"

#include "gzip_body.hpp"

#include <openssl/ssl.h>

#include <array>
#include <atomic>
#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <cctype>
#include <cstdio>
#include <mutex>
#include <thread>
#include <type_traits>
#include <vector>

#include "sinkron/sim/admin_routes.hpp"

namespace sinkron::sim {
namespace {

namespace net = boost::asio;
namespace ssl = net::ssl;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = net::ip::tcp;

using PlainStream = beast::tcp_stream;
using TlsStream = beast::ssl_stream<beast::tcp_stream>;

// How long a closing connection may take to say goodbye (drain, TLS close_notify).
constexpr std::chrono::milliseconds kCloseGrace{500};
// At most this much is read and discarded from a client while closing.
constexpr std::size_t kMaxDrainBytes = 16u << 20;

// What every session of one server shares. Lives as long as the server's io_context.
struct ServerState {
  ServerState(SimServerOptions o, Router r, World& w)
      : options(std::move(o)), router(std::move(r)), world(w) {}
  SimServerOptions options;
  Router router;
  World& world;
  std::atomic<std::uint64_t> sequence{0};
};

std::string_view reasonPhrase(int status) {
  std::string_view reason =
      http::obsolete_reason(http::int_to_status(static_cast<unsigned>(status)));
  return reason.empty() || reason.front() == '<' ? std::string_view("Unknown") : reason;
}

// The SIASN gateway's error shape: {"code":503,"message":"Service Unavailable","description":..}.
HttpResponse gatewayError(int status, std::string_view description) {
  return HttpResponse::json(status, "{\"code\":" + std::to_string(status) +
                                        ",\"message\":" + jsonQuote(reasonPhrase(status)) +
                                        ",\"description\":" + jsonQuote(description) + "}");
}

HttpResponse dispatchSafely(const Router& router, HttpRequest& request) {
  try {
    return router.dispatch(request);
  } catch (const std::exception& e) {
    return gatewayError(500, std::string("handler failed: ") + e.what());
  }
}

// Cuts the body in the middle and appends bytes no JSON parser accepts.
void breakJson(std::string& body) {
  body.resize(body.size() / 2);
  body += "\x01<<garbage";
}

void appendHead(std::string& out, const HttpResponse& res, bool keepAlive, bool http10) {
  out += "HTTP/1.1 ";
  out += std::to_string(res.status);
  out += ' ';
  out += reasonPhrase(res.status);
  out += "\r\nServer: sinkron-sim\r\n";
  if (!res.contentType.empty()) {
    out += "Content-Type: ";
    out += res.contentType;
    out += "\r\n";
  }
  out += "Content-Length: ";
  out += std::to_string(res.body.size());
  out += "\r\n";
  for (const auto& [name, value] : res.headers) {
    out += name;
    out += ": ";
    out += value;
    out += "\r\n";
  }
  if (!keepAlive)
    out += "Connection: close\r\n";
  else if (http10)
    out += "Connection: keep-alive\r\n";
  out += "\r\n";
}

const boost::system::error_category& httpErrorCategory() {
  static const boost::system::error_category& category =
      http::make_error_code(http::error::end_of_stream).category();
  return category;
}

// One client connection: reads requests, applies the server's faults, answers, until the client
// or the idle timeout ends it. All handlers run on the connection's strand.
template <class Stream>
class Session : public std::enable_shared_from_this<Session<Stream>> {
  static constexpr bool kTls = std::is_same_v<Stream, TlsStream>;

 public:
  template <class... StreamArgs>
  explicit Session(ServerState& state, StreamArgs&&... streamArgs)
      : state_(state),
        stream_(std::forward<StreamArgs>(streamArgs)...),
        timer_(stream_.get_executor()) {}

  void run() {
    net::dispatch(stream_.get_executor(), [self = this->shared_from_this()] { self->begin(); });
  }

 private:
  enum class Ending { kKeepAlive, kClose, kReset };

  beast::tcp_stream& lowest() { return beast::get_lowest_layer(stream_); }

  void begin() {
    if constexpr (kTls) {
      lowest().expires_after(state_.options.idleTimeout);
      stream_.async_handshake(ssl::stream_base::server,
                              [self = this->shared_from_this()](beast::error_code ec) {
                                if (ec) return self->closeNow();
                                self->readHeader();
                              });
    } else {
      readHeader();
    }
  }

  void readHeader() {
    parser_.emplace();
    parser_->body_limit(state_.options.bodyLimit);
    lowest().expires_after(state_.options.idleTimeout);
    http::async_read_header(stream_, buffer_, *parser_,
                            [self = this->shared_from_this()](beast::error_code ec, std::size_t) {
                              self->onHeader(ec);
                            });
  }

  void onHeader(beast::error_code ec) {
    if (ec) return onReadError(ec);
    if (parser_->is_done()) return onRequest();
    // curl and others wait for "100 Continue" before sending a larger body.
    if (beast::iequals(parser_->get()[http::field::expect], "100-continue")) {
      out_ = "HTTP/1.1 100 Continue\r\n\r\n";
      net::async_write(stream_, net::buffer(out_),
                       [self = this->shared_from_this()](beast::error_code ec, std::size_t) {
                         if (ec) return self->closeNow();
                         self->readBody();
                       });
      return;
    }
    readBody();
  }

  void readBody() {
    lowest().expires_after(state_.options.idleTimeout);
    http::async_read(stream_, buffer_, *parser_,
                     [self = this->shared_from_this()](beast::error_code ec, std::size_t) {
                       if (ec) return self->onReadError(ec);
                       self->onRequest();
                     });
  }

  void onReadError(beast::error_code ec) {
    decision_ = {};
    keepAlive_ = false;
    if (ec == http::error::body_limit)
      return send(gatewayError(
          413, "request body larger than " + std::to_string(state_.options.bodyLimit) + " bytes"));
    if (ec == http::error::header_limit) return send(gatewayError(431, "request header too large"));
    if (ec.category() == httpErrorCategory() && ec != http::error::end_of_stream &&
        ec != http::error::partial_message)
      return send(gatewayError(400, "malformed HTTP request: " + ec.message()));
    closeNow();  // the client left, timed out or broke TLS: nobody to answer
  }

  void onRequest() {
    decision_ = {};
    http::request<http::string_body>& msg = parser_->get();
    keepAlive_ = msg.keep_alive();
    http10_ = msg.version() < 11;

    HttpRequest& req = request_;
    req = HttpRequest();
    req.method = std::string(msg.method_string());
    req.target = std::string(msg.target());
    for (const auto& field : msg) {
      std::string name(field.name_string());
      for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      req.headers.emplace_back(std::move(name), std::string(field.value()));
    }
    req.body = std::move(msg.body());
    if (!req.parseTarget())
      return send(gatewayError(400, "request target must be an absolute path: " + req.target));

    req.sequence = ++state_.sequence;
    World& world = state_.world;
    world.applyRevocations();
    if (!(state_.options.adminRoutes && isAdminPath(req.path))) {
      std::string route = state_.router.routeOf(req.path);
      decision_ = world.faults().decide(state_.options.system, route.empty() ? req.path : route,
                                        req.sequence);
    }
    req.fieldDrift = decision_.fieldDrift;
    if (decision_.delayMs > 0) {
      timer_.expires_after(std::chrono::milliseconds(decision_.delayMs));
      timer_.async_wait([self = this->shared_from_this()](beast::error_code ec) {
        if (ec) return self->closeNow();
        self->respond();
      });
      return;
    }
    respond();
  }

  void respond() {
    HttpResponse res;
    if (decision_.status) {
      res = gatewayError(decision_.status, "simulated fault");
      if (decision_.status == 429)
        res.headers.emplace_back("Retry-After", std::to_string(decision_.retryAfterSeconds));
    } else {
      res = dispatchSafely(state_.router, request_);
    }
    if (decision_.malformedJson) breakJson(res.body);
    if (state_.options.gzipMinBytes > 0 && res.body.size() >= state_.options.gzipMinBytes &&
        acceptsGzip(request_))
      gzipBody(res);
    send(res);
  }

  // Serializes the whole response into one buffer and writes it as the fault decision says.
  void send(const HttpResponse& res) {
    out_.clear();
    appendHead(out_, res, keepAlive_, http10_);
    std::size_t headSize = out_.size();
    Ending ending = keepAlive_ ? Ending::kKeepAlive : Ending::kClose;
    if (decision_.reset || decision_.truncate) {
      out_.append(res.body, 0, res.body.size() / 2);
      return writeRange(0, out_.size(), decision_.reset ? Ending::kReset : Ending::kClose);
    }
    out_ += res.body;
    if (decision_.trickleBytes > 0) {
      trickleEnding_ = ending;
      std::size_t first = std::min(out_.size(), headSize + decision_.trickleBytes);
      return writeTrickle(0, first);
    }
    writeRange(0, out_.size(), ending);
  }

  void writeRange(std::size_t from, std::size_t to, Ending ending) {
    lowest().expires_after(state_.options.idleTimeout);
    net::async_write(stream_, net::buffer(out_.data() + from, to - from),
                     [self = this->shared_from_this(), ending](beast::error_code ec, std::size_t) {
                       if (ec) return self->closeNow();
                       self->finish(ending);
                     });
  }

  // Writes out_[from, to), then the next trickleBytes after trickleDelayMs, until all is sent.
  void writeTrickle(std::size_t from, std::size_t to) {
    lowest().expires_after(state_.options.idleTimeout);
    net::async_write(
        stream_, net::buffer(out_.data() + from, to - from),
        [self = this->shared_from_this(), to](beast::error_code ec, std::size_t) {
          if (ec) return self->closeNow();
          if (to >= self->out_.size()) return self->finish(self->trickleEnding_);
          self->timer_.expires_after(std::chrono::milliseconds(self->decision_.trickleDelayMs));
          self->timer_.async_wait([self, to](beast::error_code ec) {
            if (ec) return self->closeNow();
            std::size_t next = std::min(
                self->out_.size(), to + static_cast<std::size_t>(self->decision_.trickleBytes));
            self->writeTrickle(to, next);
          });
        });
  }

  void finish(Ending ending) {
    switch (ending) {
      case Ending::kKeepAlive:
        return readHeader();
      case Ending::kClose:
        return closeGracefully();
      case Ending::kReset:
        return resetConnection();
    }
  }

  void closeNow() {
    timer_.cancel();
    lowest().close();
  }

  // SO_LINGER {on, 0} makes close() send RST instead of FIN.
  void resetConnection() {
    beast::error_code ec;
    lowest().socket().set_option(net::socket_base::linger(true, 0), ec);
    closeNow();
  }

  void closeGracefully() {
    if constexpr (kTls) {
      lowest().expires_after(kCloseGrace);
      stream_.async_shutdown(
          [self = this->shared_from_this()](beast::error_code) { self->closeNow(); });
    } else {
      beast::error_code ec;
      lowest().socket().shutdown(tcp::socket::shutdown_send, ec);
      if (ec) return closeNow();
      drainBuffer_ = std::make_unique<std::array<char, 4096>>();
      lowest().expires_after(kCloseGrace);
      drain();
    }
  }

  // Reads what the client still sends until it closes: closing with unread data would reset the
  // connection and could destroy the answer (e.g. a 413) before the client reads it.
  void drain() {
    lowest().async_read_some(net::buffer(*drainBuffer_), [self = this->shared_from_this()](
                                                             beast::error_code ec, std::size_t n) {
      self->drained_ += n;
      if (ec || self->drained_ > kMaxDrainBytes) return self->closeNow();
      self->drain();
    });
  }

  ServerState& state_;
  Stream stream_;
  net::steady_timer timer_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  HttpRequest request_;
  FaultDecision decision_;
  bool keepAlive_ = true, http10_ = false;
  Ending trickleEnding_ = Ending::kKeepAlive;
  std::string out_;  // the bytes of the response being written
  std::unique_ptr<std::array<char, 4096>> drainBuffer_;
  std::size_t drained_ = 0;
};

Result<std::unique_ptr<ssl::context>> makeTlsContext(const TlsFiles& files) {
  auto ctx = std::make_unique<ssl::context>(ssl::context::tls_server);
  ctx->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 |
                   ssl::context::no_sslv3 | ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1 |
                   ssl::context::single_dh_use);
  SSL_CTX_set_min_proto_version(ctx->native_handle(), TLS1_2_VERSION);
  beast::error_code ec;
  ctx->use_certificate_chain_file(files.certificateChain.string(), ec);
  if (ec)
    return Error::invalid(files.certificateChain.string() +
                          ": cannot load the certificate chain: " + ec.message());
  ctx->use_private_key_file(files.privateKey.string(), ssl::context::pem, ec);
  if (ec)
    return Error::invalid(files.privateKey.string() +
                          ": cannot load the private key: " + ec.message());
  if (SSL_CTX_check_private_key(ctx->native_handle()) != 1)
    return Error::invalid(files.privateKey.string() + ": does not match the certificate in " +
                          files.certificateChain.string());
  if (!files.clientCa.empty()) {
    ctx->load_verify_file(files.clientCa.string(), ec);
    if (ec) return Error::invalid(files.clientCa.string() + ": cannot load the client CA: " +
                                  ec.message());
    ctx->set_verify_mode(ssl::verify_peer | ssl::verify_fail_if_no_peer_cert);
  }
  return ctx;
}

}  // namespace

struct SimServer::Impl {
  std::unique_ptr<ServerState> state;
  std::unique_ptr<ssl::context> tls;
  std::unique_ptr<net::io_context> ioc;
  std::unique_ptr<tcp::acceptor> acceptor;
  std::unique_ptr<net::steady_timer> acceptRetry;
  std::vector<std::thread> threads;
  std::uint16_t port = 0;
  std::string baseUrl;
  std::mutex stopMutex;

  void accept() {
    acceptor->async_accept(
        net::make_strand(*ioc), [this](beast::error_code ec, tcp::socket socket) {
          if (ec == net::error::operation_aborted || !acceptor->is_open()) return;
          if (ec) {
            // Out of descriptors or similar: try again shortly instead of spinning.
            acceptRetry->expires_after(std::chrono::milliseconds(50));
            acceptRetry->async_wait([this](beast::error_code e) {
              if (!e) accept();
            });
            return;
          }
          beast::error_code ignored;
          socket.set_option(tcp::no_delay(true), ignored);
          if (tls)
            std::make_shared<Session<TlsStream>>(*state, std::move(socket), *tls)->run();
          else
            std::make_shared<Session<PlainStream>>(*state, std::move(socket))->run();
          accept();
        });
  }

  void stop() {
    std::lock_guard lock(stopMutex);
    if (!ioc) return;
    ioc->stop();
    for (std::thread& t : threads)
      if (t.joinable()) t.join();
    threads.clear();
    beast::error_code ignored;
    acceptor->close(ignored);
    acceptRetry.reset();
    acceptor.reset();
    ioc.reset();  // destroys the pending handlers and with them every connection
  }
};

Result<std::unique_ptr<SimServer>> SimServer::start(SimServerOptions options, Router router,
                                                    World& world) {
  if (options.threads < 1) return Error::invalid("threads: must be at least 1");
  beast::error_code ec;
  net::ip::address address = net::ip::make_address(options.bindAddress, ec);
  if (ec) return Error::invalid("bind address '" + options.bindAddress + "': not an IP address");
  std::string where = options.bindAddress + ":" + std::to_string(options.port);

  auto impl = std::make_unique<Impl>();
  if (options.tls) {
    Result<std::unique_ptr<ssl::context>> ctx = makeTlsContext(*options.tls);
    if (!ctx) return Error::invalid(where + ": " + ctx.error().message);
    impl->tls = std::move(*ctx);
  }
  if (options.adminRoutes) addAdminRoutes(router, world);
  impl->ioc = std::make_unique<net::io_context>(options.threads);
  impl->acceptor = std::make_unique<tcp::acceptor>(*impl->ioc);
  impl->acceptRetry = std::make_unique<net::steady_timer>(*impl->ioc);
  tcp::endpoint endpoint(address, options.port);
  tcp::acceptor& acceptor = *impl->acceptor;
  auto fail = [&](const char* step) {
    return Error::io(where + ": " + step + ": " + ec.message());
  };
  if (acceptor.open(endpoint.protocol(), ec); ec) return fail("open");
  if (acceptor.set_option(net::socket_base::reuse_address(true), ec); ec) return fail("setsockopt");
  if (acceptor.bind(endpoint, ec); ec) return fail("bind");
  if (acceptor.listen(net::socket_base::max_listen_connections, ec); ec) return fail("listen");
  impl->port = acceptor.local_endpoint().port();

  std::string host = options.bindAddress;
  if (address.is_unspecified()) host = address.is_v6() ? "::1" : "127.0.0.1";
  if (host.find(':') != std::string::npos) host = "[" + host + "]";
  impl->baseUrl =
      std::string(impl->tls ? "https://" : "http://") + host + ":" + std::to_string(impl->port);

  int threads = options.threads;
  impl->state = std::make_unique<ServerState>(std::move(options), std::move(router), world);
  impl->accept();
  for (int i = 0; i < threads; ++i)
    impl->threads.emplace_back([ioc = impl->ioc.get()] {
      // A handler's exception must not take the server down; the connection it served is lost.
      for (;;) {
        try {
          ioc->run();
          return;
        } catch (const std::exception& e) {
          std::fprintf(stderr, "sinkron-sim: handler error: %s\n", e.what());
        }
      }
    });
  return std::unique_ptr<SimServer>(new SimServer(std::move(impl)));
}

SimServer::SimServer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

SimServer::~SimServer() {
  stop();
}

std::uint16_t SimServer::port() const {
  return impl_->port;
}

std::string SimServer::baseUrl() const {
  return impl_->baseUrl;
}

void SimServer::stop() {
  impl_->stop();
}

}  // namespace sinkron::sim

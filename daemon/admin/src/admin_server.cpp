#include "sinkron/admin/admin_server.hpp"

#include <strings.h>

#include <openssl/ssl.h>
#include <spdlog/spdlog.h>

#include <array>
#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <cctype>
#include <mutex>
#include <thread>
#include <type_traits>
#include <vector>

#include "request_target.hpp"
#include "sinkron/admin/admin_dispatch.hpp"
#include "sinkron/admin/authenticator.hpp"

namespace sinkron::admin {
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
constexpr std::size_t kMaxDrainBytes = 4u << 20;

struct ServerState {
  AdminServerOptions options;
  AdminRouter router;
  Authenticator& auth;
};

std::string_view reasonPhrase(int status) {
  std::string_view reason =
      http::obsolete_reason(http::int_to_status(static_cast<unsigned>(status)));
  return reason.empty() || reason.front() == '<' ? std::string_view("Unknown") : reason;
}

// The whole response, head and body, in one buffer: one write, one segment for small answers.
void serialize(std::string& out, const AdminResponse& res, bool keepAlive, bool http10) {
  out.clear();
  out.reserve(256 + res.body.size());
  out += "HTTP/1.1 ";
  out += std::to_string(res.status);
  out += ' ';
  out += reasonPhrase(res.status);
  bool typed = false;  // a handler may answer another type (/metrics: Prometheus text)
  for (const auto& [name, value] : res.headers)
    typed = typed || (name.size() == 12 && strncasecmp(name.c_str(), "Content-Type", 12) == 0);
  out += "\r\nServer: sinkron\r\n";
  if (!typed) out += "Content-Type: application/json\r\n";
  out += "Cache-Control: no-store\r\nContent-Length: ";
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
  out += res.body;
}

const boost::system::error_category& httpErrorCategory() {
  static const boost::system::error_category& category =
      http::make_error_code(http::error::end_of_stream).category();
  return category;
}

// One client connection: reads a request, answers it, and again while the client keeps the
// connection alive and is not idle longer than the timeout. Handlers run on the connection's
// strand.
template <class Stream>
class Session : public std::enable_shared_from_this<Session<Stream>> {
  static constexpr bool kTls = std::is_same_v<Stream, TlsStream>;

 public:
  template <class... StreamArgs>
  Session(ServerState& state, std::string clientAddress, StreamArgs&&... streamArgs)
      : state_(state),
        clientAddress_(std::move(clientAddress)),
        stream_(std::forward<StreamArgs>(streamArgs)...) {}

  void run() {
    net::dispatch(stream_.get_executor(), [self = this->shared_from_this()] { self->begin(); });
  }

 private:
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
    // curl waits for "100 Continue" before sending a larger body.
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
    keepAlive_ = false;
    if (ec == http::error::body_limit)
      return send(AdminResponse::error(
          413, "payload_too_large",
          "request body larger than " + std::to_string(state_.options.bodyLimit) + " bytes"));
    if (ec == http::error::header_limit)
      return send(AdminResponse::error(431, "bad_request", "request header too large"));
    if (ec.category() == httpErrorCategory() && ec != http::error::end_of_stream &&
        ec != http::error::partial_message)
      return send(AdminResponse::error(400, "bad_request", "malformed HTTP request"));
    closeNow();  // the client left, timed out or broke TLS: nobody to answer
  }

  void onRequest() {
    http::request<http::string_body>& msg = parser_->get();
    keepAlive_ = msg.keep_alive();
    http10_ = msg.version() < 11;

    AdminRequest req;
    req.method = std::string(msg.method_string());
    req.clientAddress = clientAddress_;
    RequestTarget target;
    if (!parseRequestTarget(msg.target(), target))
      return send(
          AdminResponse::error(400, "bad_request", "the request target is not a valid path"));
    req.path = std::move(target.path);
    req.query = std::move(target.query);
    for (const auto& field : msg) {
      std::string name(field.name_string());
      for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      auto [it, inserted] = req.headers.try_emplace(std::move(name), field.value());
      if (!inserted) (it->second += ", ").append(field.value());
    }
    req.body = std::move(msg.body());
    send(dispatchAdminRequest(state_.router, state_.auth, req));
  }

  void send(const AdminResponse& res) {
    serialize(out_, res, keepAlive_, http10_);
    lowest().expires_after(state_.options.idleTimeout);
    net::async_write(stream_, net::buffer(out_),
                     [self = this->shared_from_this()](beast::error_code ec, std::size_t) {
                       if (ec) return self->closeNow();
                       if (self->keepAlive_) return self->readHeader();
                       self->closeGracefully();
                     });
  }

  void closeNow() { lowest().close(); }

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
  std::string clientAddress_;
  Stream stream_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  bool keepAlive_ = true, http10_ = false;
  std::string out_;  // the bytes of the response being written
  std::unique_ptr<std::array<char, 4096>> drainBuffer_;
  std::size_t drained_ = 0;
};

Result<std::unique_ptr<ssl::context>> makeTlsContext(const AdminTlsFiles& files) {
  auto ctx = std::make_unique<ssl::context>(ssl::context::tls_server);
  ctx->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 |
                   ssl::context::no_sslv3 | ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1 |
                   ssl::context::single_dh_use);
  if (SSL_CTX_set_min_proto_version(ctx->native_handle(), TLS1_2_VERSION) != 1)
    return Error::internal("TLS: cannot require TLS 1.2");
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
  return ctx;
}

}  // namespace

struct AdminServer::Impl {
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
    acceptor->async_accept(net::make_strand(*ioc), [this](beast::error_code ec,
                                                          tcp::socket socket) {
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
      std::string client = socket.remote_endpoint(ignored).address().to_string();
      if (tls)
        std::make_shared<Session<TlsStream>>(*state, std::move(client), std::move(socket), *tls)
            ->run();
      else
        std::make_shared<Session<PlainStream>>(*state, std::move(client), std::move(socket))->run();
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

Result<std::unique_ptr<AdminServer>> AdminServer::start(AdminServerOptions options,
                                                        AdminRouter router, Authenticator& auth) {
  if (options.threads < 1) return Error::invalid("admin API threads: must be at least 1");
  if (options.bodyLimit == 0) return Error::invalid("admin API body limit: must be positive");
  beast::error_code ec;
  net::ip::address address = net::ip::make_address(options.bindAddress, ec);
  if (ec)
    return Error::invalid("admin API bind address '" + options.bindAddress +
                          "': not an IP address");
  std::string where = "admin API " + options.bindAddress + ":" + std::to_string(options.port);
  if (!address.is_loopback() && !options.allowNonLoopback)
    return Error::invalid(where +
                          ": not a loopback address; set allowNonLoopback (and use TLS) to "
                          "listen beyond this machine");

  auto impl = std::make_unique<Impl>();
  if (options.tls) {
    Result<std::unique_ptr<ssl::context>> ctx = makeTlsContext(*options.tls);
    if (!ctx) return Error::invalid(where + ": " + ctx.error().message);
    impl->tls = std::move(*ctx);
  }
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
  impl->state.reset(new ServerState{std::move(options), std::move(router), auth});
  impl->accept();
  for (int i = 0; i < threads; ++i)
    impl->threads.emplace_back([ioc = impl->ioc.get()] {
      // An exception escaping a completion handler must not take the server down.
      for (;;) {
        try {
          ioc->run();
          return;
        } catch (const std::exception& e) {
          spdlog::error("admin api: connection error: {}", e.what());
        }
      }
    });
  spdlog::info("admin api: listening on {}", impl->baseUrl);
  return std::unique_ptr<AdminServer>(new AdminServer(std::move(impl)));
}

AdminServer::AdminServer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

AdminServer::~AdminServer() {
  stop();
}

std::uint16_t AdminServer::port() const {
  return impl_->port;
}

std::string AdminServer::baseUrl() const {
  return impl_->baseUrl;
}

void AdminServer::stop() {
  impl_->stop();
}

}  // namespace sinkron::admin

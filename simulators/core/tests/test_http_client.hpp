#pragma once
// A small Beast client for the simulator tests: plain or TLS, one connection, every operation
// bounded by a timeout (a server that never answers fails the test instead of hanging it).
#include <openssl/ssl.h>

#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

namespace sinkron::sim::testing {

namespace net = boost::asio;
namespace ssl = net::ssl;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = net::ip::tcp;

using Response = http::response<http::string_body>;

// What a raw read until the server ends the connection produced.
struct RawRead {
  std::string bytes;
  beast::error_code error;  // eof for a graceful close, connection_reset for RST, timeout...
};

class TestClient {
 public:
  static constexpr std::chrono::seconds kTimeout{10};

  // Plain HTTP when `tls` is null; else TLS with SNI and host name verification for `host`.
  explicit TestClient(std::uint16_t port, ssl::context* tls = nullptr,
                      std::string host = "localhost")
      : port_(port), host_(std::move(host)) {
    if (tls)
      tlsStream_ = std::make_unique<beast::ssl_stream<beast::tcp_stream>>(ioc_, *tls);
    else
      plainStream_ = std::make_unique<beast::tcp_stream>(ioc_);
  }

  beast::error_code connect() {
    tcp::endpoint endpoint(net::ip::make_address("127.0.0.1"), port_);
    lowest().expires_after(kTimeout);
    beast::error_code ec = run([&](auto done) { lowest().async_connect(endpoint, done); });
    if (ec || !tlsStream_) return ec;
    SSL_set_tlsext_host_name(tlsStream_->native_handle(), host_.c_str());
    tlsStream_->set_verify_callback(ssl::host_name_verification(host_));
    return run([&](auto done) { tlsStream_->async_handshake(ssl::stream_base::client, done); });
  }

  beast::error_code writeRaw(const std::string& bytes) {
    lowest().expires_after(kTimeout);
    return withStream([&](auto& s) {
      return run([&](auto done) { net::async_write(s, net::buffer(bytes), done); });
    });
  }

  beast::error_code write(http::request<http::string_body> req) {
    req.set(http::field::host, "127.0.0.1");
    req.prepare_payload();
    lowest().expires_after(kTimeout);
    return withStream(
        [&](auto& s) { return run([&](auto done) { http::async_write(s, req, done); }); });
  }

  beast::error_code read(Response& res) {
    lowest().expires_after(kTimeout);
    res = {};
    return withStream(
        [&](auto& s) { return run([&](auto done) { http::async_read(s, buffer_, res, done); }); });
  }

  // Sends `method target` (with `body`, if any) and reads the answer.
  beast::error_code request(http::verb method, const std::string& target, Response& res,
                            const std::string& body = "") {
    http::request<http::string_body> req(method, target, 11);
    req.body() = body;
    if (!body.empty()) req.set(http::field::content_type, "application/json");
    if (beast::error_code ec = write(std::move(req))) return ec;
    return read(res);
  }

  // Reads everything until the server closes or resets the connection.
  RawRead readAll() {
    RawRead out;
    out.bytes.assign(static_cast<const char*>(buffer_.data().data()), buffer_.size());
    buffer_.consume(buffer_.size());
    char chunk[4096];
    for (int i = 0; i < 100000; ++i) {  // bounded; each read also has its timeout
      lowest().expires_after(kTimeout);
      std::size_t n = 0;
      beast::error_code ec = withStream([&](auto& s) {
        return run([&](auto done) { s.async_read_some(net::buffer(chunk), done); }, &n);
      });
      out.bytes.append(chunk, n);
      if (ec) {
        out.error = ec;
        break;
      }
    }
    return out;
  }

  void close() {
    beast::error_code ignored;
    lowest().socket().close(ignored);
  }

 private:
  beast::tcp_stream& lowest() {
    return tlsStream_ ? beast::get_lowest_layer(*tlsStream_) : *plainStream_;
  }

  template <class F>
  beast::error_code withStream(F&& f) {
    if (tlsStream_) return f(*tlsStream_);
    return f(*plainStream_);
  }

  // Starts one async operation and runs the client's io_context until it completes.
  template <class Start>
  beast::error_code run(Start&& start, std::size_t* transferred = nullptr) {
    std::optional<beast::error_code> result;
    auto done = [&](beast::error_code ec, auto&&... rest) {
      if constexpr (sizeof...(rest) == 1)
        if (transferred) *transferred = (static_cast<std::size_t>(rest), ...);
      result = ec;
    };
    start(done);
    ioc_.restart();
    ioc_.run();
    return result.value_or(net::error::timed_out);
  }

  net::io_context ioc_;
  std::unique_ptr<beast::tcp_stream> plainStream_;
  std::unique_ptr<beast::ssl_stream<beast::tcp_stream>> tlsStream_;
  beast::flat_buffer buffer_;
  std::uint16_t port_;
  std::string host_;
};

// One request on a new connection. Returns the error of the first failing step.
inline beast::error_code fetch(std::uint16_t port, http::verb method, const std::string& target,
                               Response& res, const std::string& body = "") {
  TestClient client(port);
  if (beast::error_code ec = client.connect()) return ec;
  return client.request(method, target, res, body);
}

}  // namespace sinkron::sim::testing

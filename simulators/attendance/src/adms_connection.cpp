#include "adms_connection.hpp"

#include <charconv>

#include <openssl/ssl.h>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/ssl/host_name_verification.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>

namespace sinkron::sim::attendance {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

constexpr std::uint64_t kResponseBodyLimit = 1 << 20;

auto redirect(boost::system::error_code& ec) {
  return asio::redirect_error(asio::use_awaitable, ec);
}

bool isIpLiteral(const std::string& host) {
  boost::system::error_code ec;
  asio::ip::make_address(host, ec);
  return !ec;
}

}  // namespace

Result<ServerUrl> parseServerUrl(std::string_view url) {
  ServerUrl out;
  std::string_view rest = url;
  if (rest.rfind("http://", 0) == 0) {
    rest.remove_prefix(7);
  } else if (rest.rfind("https://", 0) == 0) {
    rest.remove_prefix(8);
    out.tls = true;
  } else {
    return Error::invalid("serverUrl \"" + std::string(url) +
                          "\": expected http://host:port or https://host:port");
  }
  std::size_t slash = rest.find('/');
  std::string_view authority = rest.substr(0, slash);
  std::string_view path = slash == std::string_view::npos ? std::string_view() : rest.substr(slash);
  while (!path.empty() && path.back() == '/') path.remove_suffix(1);
  out.basePath = path;
  std::string_view host = authority, port;
  if (!authority.empty() && authority.front() == '[') {
    std::size_t close = authority.find(']');
    if (close == std::string_view::npos)
      return Error::invalid("serverUrl \"" + std::string(url) + "\": unclosed '[' in the host");
    host = authority.substr(1, close - 1);
    if (close + 1 < authority.size()) {
      if (authority[close + 1] != ':')
        return Error::invalid("serverUrl \"" + std::string(url) + "\": bad text after the host");
      port = authority.substr(close + 2);
    }
  } else if (std::size_t colon = authority.rfind(':'); colon != std::string_view::npos) {
    host = authority.substr(0, colon);
    port = authority.substr(colon + 1);
  }
  if (host.empty()) return Error::invalid("serverUrl \"" + std::string(url) + "\": no host");
  if (port.empty()) port = out.tls ? "443" : "80";
  unsigned number = 0;
  auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), number);
  if (ec != std::errc() || end != port.data() + port.size() || number == 0 || number > 65535)
    return Error::invalid("serverUrl \"" + std::string(url) + "\": port \"" + std::string(port) +
                          "\" is not 1..65535");
  out.host = host;
  out.port = port;
  return out;
}

AdmsConnection::AdmsConnection(asio::any_io_executor executor, ServerUrl url,
                               asio::ssl::context* tls, std::chrono::milliseconds timeout)
    : executor_(std::move(executor)), url_(std::move(url)), tls_(tls), timeout_(timeout) {}

void AdmsConnection::close() {
  boost::system::error_code ignored;
  if (plain_) plain_->socket().close(ignored);
  if (secure_) beast::get_lowest_layer(*secure_).socket().close(ignored);
  plain_.reset();
  secure_.reset();
  buffer_.clear();
}

asio::awaitable<boost::system::error_code> AdmsConnection::connect() {
  boost::system::error_code ec;
  tcp::resolver resolver(executor_);
  auto endpoints = co_await resolver.async_resolve(url_.host, url_.port, redirect(ec));
  if (ec) co_return ec;
  beast::tcp_stream* lowest = nullptr;
  if (tls_ != nullptr) {
    secure_.emplace(executor_, *tls_);
    lowest = &beast::get_lowest_layer(*secure_);
  } else {
    plain_.emplace(executor_);
    lowest = &*plain_;
  }
  lowest->expires_after(timeout_);
  co_await lowest->async_connect(endpoints, redirect(ec));
  if (ec) co_return ec;
  lowest->socket().set_option(tcp::no_delay(true), ec);
  if (ec) co_return ec;
  if (tls_ != nullptr) {
    if (!isIpLiteral(url_.host))
      SSL_set_tlsext_host_name(secure_->native_handle(), url_.host.c_str());
    secure_->set_verify_callback(asio::ssl::host_name_verification(url_.host));
    co_await secure_->async_handshake(asio::ssl::stream_base::client, redirect(ec));
    if (ec) co_return ec;
  }
  ++connects_;
  co_return ec;
}

template <class Stream>
asio::awaitable<HttpExchange> AdmsConnection::roundTrip(Stream& stream, http::verb method,
                                                        std::string target, std::string body) {
  HttpExchange out;
  http::request<http::string_body> request{method, target, 11};
  request.set(http::field::host, url_.host + ":" + url_.port);
  request.set(http::field::user_agent, "iClock Proxy/1.09");
  request.keep_alive(true);
  if (method == http::verb::post) {
    request.set(http::field::content_type, "text/plain");
    request.body() = std::move(body);
  }
  request.prepare_payload();
  beast::get_lowest_layer(stream).expires_after(timeout_);
  co_await http::async_write(stream, request, redirect(out.error));
  if (out.error) co_return out;
  http::response_parser<http::string_body> parser;
  parser.body_limit(kResponseBodyLimit);
  co_await http::async_read(stream, buffer_, parser, redirect(out.error));
  if (out.error) co_return out;
  auto& response = parser.get();
  out.status = static_cast<int>(response.result_int());
  out.body = std::move(response.body());
  if (!response.keep_alive()) close();
  co_return out;
}

asio::awaitable<HttpExchange> AdmsConnection::send(http::verb method, std::string target,
                                                   std::string body) {
  if (!plain_ && !secure_) {
    boost::system::error_code ec = co_await connect();
    if (ec) {
      close();
      HttpExchange failed;
      failed.error = ec;
      co_return failed;
    }
  }
  // (no co_await inside ?: or on temporaries: GCC 12 mishandles both in coroutines)
  HttpExchange out;
  if (secure_) {
    out = co_await roundTrip(*secure_, method, std::move(target), std::move(body));
  } else {
    out = co_await roundTrip(*plain_, method, std::move(target), std::move(body));
  }
  if (out.error) close();
  co_return out;
}

}  // namespace sinkron::sim::attendance

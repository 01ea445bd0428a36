#pragma once
// AdmsConnection: the HTTP/1.1 client a device uses — one keep-alive connection (TCP_NODELAY,
// optional TLS), every request bounded by a timeout, reconnecting on the next request after any
// error. Coroutine based; one instance per device, used from one strand.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/verb.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

#include "sinkron/result.hpp"

namespace sinkron::sim::attendance {

struct ServerUrl {
  bool tls = false;
  std::string host, port;
  std::string basePath;  // "" or "/prefix" (no trailing slash)
};
// "http://host:port[/prefix]" or "https://..."; errors name the URL.
Result<ServerUrl> parseServerUrl(std::string_view url);

struct HttpExchange {
  boost::system::error_code error;  // transport error (connect, TLS, write, read, timeout)
  int status = 0;
  std::string body;
};

class AdmsConnection {
 public:
  AdmsConnection(boost::asio::any_io_executor executor, ServerUrl url,
                 boost::asio::ssl::context* tls, std::chrono::milliseconds timeout);
  boost::asio::awaitable<HttpExchange> send(boost::beast::http::verb method, std::string target,
                                            std::string body);
  std::uint64_t connects() const { return connects_; }

 private:
  boost::asio::awaitable<boost::system::error_code> connect();
  template <class Stream>
  boost::asio::awaitable<HttpExchange> roundTrip(Stream& stream, boost::beast::http::verb method,
                                                 std::string target, std::string body);
  void close();

  boost::asio::any_io_executor executor_;
  ServerUrl url_;
  boost::asio::ssl::context* tls_;
  std::chrono::milliseconds timeout_;
  std::optional<boost::beast::tcp_stream> plain_;
  std::optional<boost::beast::ssl_stream<boost::beast::tcp_stream>> secure_;
  boost::beast::flat_buffer buffer_;
  std::uint64_t connects_ = 0;
};

}  // namespace sinkron::sim::attendance

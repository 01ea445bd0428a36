#include "gzip_body.hpp"

#include <zlib.h>

#include <algorithm>
#include <cctype>

namespace sinkron::sim {

bool acceptsGzip(const HttpRequest& request) {
  std::optional<std::string_view> header = request.header("accept-encoding");
  if (!header) return false;
  std::string value(*header);
  std::transform(value.begin(), value.end(), value.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  for (std::size_t at = value.find("gzip"); at != std::string::npos;
       at = value.find("gzip", at + 4)) {
    std::size_t end = value.find(',', at);
    std::string_view item = std::string_view(value).substr(at, end - at);
    std::string compact;
    for (char c : item)
      if (c != ' ') compact.push_back(c);
    if (compact.find("q=0") == std::string::npos || compact.find("q=0.") != std::string::npos)
      return true;
  }
  return false;
}

void gzipBody(HttpResponse& response) {
  for (const auto& [name, value] : response.headers)
    if (name == "Content-Encoding") return;  // already encoded by the route
  z_stream z{};
  // windowBits 15 + 16: a gzip wrapper rather than zlib's.
  if (deflateInit2(&z, Z_BEST_SPEED, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) return;
  std::string out(deflateBound(&z, response.body.size()) + 32, '\0');
  z.next_in = reinterpret_cast<Bytef*>(response.body.data());
  z.avail_in = static_cast<uInt>(response.body.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  int rc = deflate(&z, Z_FINISH);
  std::size_t produced = out.size() - z.avail_out;
  deflateEnd(&z);
  if (rc != Z_STREAM_END) return;
  out.resize(produced);
  response.body = std::move(out);
  response.headers.emplace_back("Content-Encoding", "gzip");
  response.headers.emplace_back("Vary", "Accept-Encoding");
}

}  // namespace sinkron::sim

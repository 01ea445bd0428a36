#pragma once
// GzipDecoder: decodes gzip answers with one zlib stream reused for every answer of an engine
// (inflateReset instead of a fresh inflate state and window per answer, which is what libcurl's
// own decoder costs), with the decoded size capped (a small gzip body can expand enormously).
#include <zlib.h>

#include <string>

namespace sinkron::connectors::http::detail {

class GzipDecoder {
 public:
  GzipDecoder();
  ~GzipDecoder();
  GzipDecoder(const GzipDecoder&) = delete;
  GzipDecoder& operator=(const GzipDecoder&) = delete;

  enum class Status { kOk, kCorrupt, kTooLarge };
  // Replaces `body` (gzip) by its decoded bytes when kOk; leaves it as it was otherwise.
  Status decode(std::string& body, std::size_t maxBytes);

 private:
  z_stream z_{};
  bool ready_ = false;
  std::string out_;
};

}  // namespace sinkron::connectors::http::detail

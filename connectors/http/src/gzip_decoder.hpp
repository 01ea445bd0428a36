#pragma once
// GzipDecoder: decodes gzip answers with the decoded size capped (a small gzip body can expand
// enormously). The usual answer (one gzip member whose trailer size fits the cap) is decoded in
// one call by libdeflate into a buffer of exactly that size; anything else (a trailer that lies,
// trailing bytes, damage) goes through one zlib stream reused for every answer of an engine
// (inflateReset instead of a fresh inflate state per answer), which gives the verdict.
#include <zlib.h>

#include <string>

struct libdeflate_decompressor;

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
  bool decodeWhole(std::string& body, std::size_t maxBytes);  // false: let zlib decide
  Status decodeStreaming(std::string& body, std::size_t maxBytes);

  libdeflate_decompressor* whole_ = nullptr;
  z_stream z_{};
  bool ready_ = false;
  std::string out_;
};

}  // namespace sinkron::connectors::http::detail

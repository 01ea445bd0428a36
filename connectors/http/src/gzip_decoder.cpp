#include "gzip_decoder.hpp"

namespace sinkron::connectors::http::detail {

GzipDecoder::GzipDecoder() {
  // windowBits 15 + 16: gzip wrapper only.
  ready_ = inflateInit2(&z_, 15 + 16) == Z_OK;
}

GzipDecoder::~GzipDecoder() {
  if (ready_) inflateEnd(&z_);
}

GzipDecoder::Status GzipDecoder::decode(std::string& body, std::size_t maxBytes) {
  if (!ready_ || inflateReset(&z_) != Z_OK) return Status::kCorrupt;
  out_.resize(std::min(maxBytes, std::max<std::size_t>(body.size() * 4, 4096)));
  z_.next_in = reinterpret_cast<Bytef*>(body.data());
  z_.avail_in = static_cast<uInt>(body.size());
  std::size_t produced = 0;
  for (int round = 0; round < 64; ++round) {
    z_.next_out = reinterpret_cast<Bytef*>(out_.data() + produced);
    z_.avail_out = static_cast<uInt>(out_.size() - produced);
    int rc = inflate(&z_, Z_NO_FLUSH);
    produced = out_.size() - z_.avail_out;
    if (rc == Z_STREAM_END) {
      if (z_.avail_in != 0) return Status::kCorrupt;  // bytes after the gzip member
      out_.resize(produced);
      body.swap(out_);
      return Status::kOk;
    }
    if (rc != Z_OK && rc != Z_BUF_ERROR) return Status::kCorrupt;
    if (z_.avail_out == 0) {
      if (out_.size() >= maxBytes) return Status::kTooLarge;
      out_.resize(std::min(maxBytes, out_.size() * 2));
    } else if (z_.avail_in == 0) {
      return Status::kCorrupt;  // input ended before the gzip member did
    }
  }
  return Status::kCorrupt;
}

}  // namespace sinkron::connectors::http::detail

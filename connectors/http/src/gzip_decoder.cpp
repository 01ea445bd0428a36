#include "gzip_decoder.hpp"

#include <libdeflate.h>

#include <cstdint>

namespace sinkron::connectors::http::detail {

namespace {

constexpr std::size_t kGzipMinimum = 18;  // 10-byte header + 8-byte trailer

// ISIZE: the decoded size modulo 2^32, little-endian in the last 4 bytes. Only a hint: it is
// checked against what the stream really decodes to.
std::size_t trailerSize(const std::string& body) {
  auto byte = [&](std::size_t fromEnd) {
    return static_cast<std::uint32_t>(static_cast<unsigned char>(body[body.size() - fromEnd]));
  };
  return byte(4) | (byte(3) << 8) | (byte(2) << 16) | (byte(1) << 24);
}

}  // namespace

GzipDecoder::GzipDecoder() {
  whole_ = libdeflate_alloc_decompressor();
  // windowBits 15 + 16: gzip wrapper only.
  ready_ = inflateInit2(&z_, 15 + 16) == Z_OK;
}

GzipDecoder::~GzipDecoder() {
  if (whole_) libdeflate_free_decompressor(whole_);
  if (ready_) inflateEnd(&z_);
}

GzipDecoder::Status GzipDecoder::decode(std::string& body, std::size_t maxBytes) {
  if (decodeWhole(body, maxBytes)) return Status::kOk;
  return decodeStreaming(body, maxBytes);
}

bool GzipDecoder::decodeWhole(std::string& body, std::size_t maxBytes) {
  if (!whole_ || body.size() < kGzipMinimum) return false;
  std::size_t expected = trailerSize(body);
  if (expected > maxBytes) return false;
  std::string decoded;
  decoded.resize(expected);
  std::size_t consumed = 0, produced = 0;
  // The output buffer is exactly `expected` long, so a stream that decodes to more (a lying
  // trailer, a bomb past 4 GiB) stops with "insufficient space" and zlib takes over.
  libdeflate_result rc = libdeflate_gzip_decompress_ex(
      whole_, body.data(), body.size(), decoded.data(), decoded.size(), &consumed, &produced);
  if (rc != LIBDEFLATE_SUCCESS || consumed != body.size() || produced != expected) return false;
  body.swap(decoded);
  return true;
}

GzipDecoder::Status GzipDecoder::decodeStreaming(std::string& body, std::size_t maxBytes) {
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

// GzipDecoder on its own: the whole-buffer fast path, and every case it must hand to the capped
// zlib path (a trailer that lies about the size, a bomb, damage, truncation, trailing bytes).
#include <zlib.h>

#include <catch2/catch.hpp>
#include <string>

#include "gzip_decoder.hpp"

using sinkron::connectors::http::detail::GzipDecoder;

namespace {

std::string gzipped(const std::string& text) {
  z_stream z{};
  REQUIRE(deflateInit2(&z, Z_BEST_SPEED, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) == Z_OK);
  std::string out(deflateBound(&z, text.size()) + 64, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
  z.avail_in = static_cast<uInt>(text.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  REQUIRE(deflate(&z, Z_FINISH) == Z_STREAM_END);
  out.resize(out.size() - z.avail_out);
  deflateEnd(&z);
  return out;
}

void setTrailerSize(std::string& gz, std::uint32_t size) {
  for (int i = 0; i < 4; ++i)
    gz[gz.size() - 4 + static_cast<std::size_t>(i)] = static_cast<char>((size >> (8 * i)) & 0xff);
}

std::string sampleJson() {
  std::string json = "[";
  for (int i = 0; i < 200; ++i) json += R"({"id":)" + std::to_string(i) + R"(,"nama":"PEGAWAI"},)";
  json.back() = ']';
  return json;
}

}  // namespace

TEST_CASE("gzip decoder: answers decode, one decoder serves many", "[http][gzip]") {
  GzipDecoder decoder;
  for (int round = 0; round < 3; ++round) {
    std::string text = sampleJson() + std::to_string(round);
    std::string body = gzipped(text);
    REQUIRE(decoder.decode(body, 1u << 20) == GzipDecoder::Status::kOk);
    CHECK(body == text);
  }
  std::string empty = gzipped("");
  REQUIRE(decoder.decode(empty, 1u << 20) == GzipDecoder::Status::kOk);
  CHECK(empty.empty());
}

TEST_CASE("gzip decoder: the size cap holds whatever the trailer claims", "[http][gzip]") {
  GzipDecoder decoder;
  const std::string big(2u << 20, '0');
  std::string honest = gzipped(big);
  CHECK(decoder.decode(honest, 1u << 20) == GzipDecoder::Status::kTooLarge);

  // A trailer claiming 100 bytes (as a bomb past 4 GiB would, modulo 2^32): still capped.
  std::string lying = gzipped(big);
  setTrailerSize(lying, 100);
  const std::string before = lying;
  CHECK(decoder.decode(lying, 1u << 20) == GzipDecoder::Status::kTooLarge);
  CHECK(lying == before);  // left as it was

  // Within the cap, a lying trailer is damage.
  std::string small = gzipped(sampleJson());
  setTrailerSize(small, 10);
  CHECK(decoder.decode(small, 1u << 20) == GzipDecoder::Status::kCorrupt);

  // Exactly at the cap is fine.
  std::string exact = gzipped(std::string(4096, 'x'));
  REQUIRE(decoder.decode(exact, 4096) == GzipDecoder::Status::kOk);
  CHECK(exact.size() == 4096);
}

TEST_CASE("gzip decoder: damaged, truncated or padded bodies are corrupt", "[http][gzip]") {
  GzipDecoder decoder;
  const std::string text = sampleJson();

  std::string damaged = gzipped(text);
  damaged[damaged.size() / 2] ^= 0x5a;
  CHECK(decoder.decode(damaged, 1u << 20) == GzipDecoder::Status::kCorrupt);

  std::string truncated = gzipped(text);
  truncated.resize(truncated.size() - 5);
  CHECK(decoder.decode(truncated, 1u << 20) == GzipDecoder::Status::kCorrupt);

  std::string padded = gzipped(text) + "junk";
  CHECK(decoder.decode(padded, 1u << 20) == GzipDecoder::Status::kCorrupt);

  std::string twoMembers = gzipped(text) + gzipped(text);
  CHECK(decoder.decode(twoMembers, 1u << 20) == GzipDecoder::Status::kCorrupt);

  std::string notGzip = text;
  CHECK(decoder.decode(notGzip, 1u << 20) == GzipDecoder::Status::kCorrupt);
  CHECK(notGzip == text);

  // The decoder is still good after all that.
  std::string fine = gzipped(text);
  REQUIRE(decoder.decode(fine, 1u << 20) == GzipDecoder::Status::kOk);
  CHECK(fine == text);
}

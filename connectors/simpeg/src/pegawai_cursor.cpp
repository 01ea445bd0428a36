#include "pegawai_cursor.hpp"

#include <charconv>

namespace sinkron::connectors::simpeg {

namespace {
constexpr std::string_view kVersion = "v1";

std::vector<std::string_view> split(std::string_view text, char by) {
  std::vector<std::string_view> parts;
  while (true) {
    std::size_t at = text.find(by);
    parts.push_back(text.substr(0, at));
    if (at == std::string_view::npos) return parts;
    text.remove_prefix(at + 1);
  }
}
}  // namespace

bool PegawaiCursor::alreadyStored(std::string_view id, std::string_view updatedAt,
                                  std::uint64_t hash) const {
  if (updatedAt != watermark) return false;
  for (const auto& [seenId, seenHash] : seen)
    if (seenId == id && seenHash == hash) return true;
  return false;
}

void PegawaiCursor::stored(std::string id, std::string updatedAt, std::uint64_t hash) {
  if (updatedAt != watermark) {
    if (updatedAt < watermark) return;  // out of order: keep the larger watermark
    watermark = std::move(updatedAt);
    seen.clear();
  }
  for (auto& entry : seen)
    if (entry.first == id) {
      entry.second = hash;
      return;
    }
  seen.emplace_back(std::move(id), hash);
}

void PegawaiCursor::complete() {
  if (!watermark.empty()) since = watermark;
  page.clear();
}

std::string PegawaiCursor::encode() const {
  std::string out(kVersion);
  out.append("|").append(since).append("|").append(page).append("|").append(watermark);
  out.push_back('|');
  for (std::size_t i = 0; i < seen.size(); ++i) {
    if (i) out.push_back(',');
    out.append(seen[i].first).push_back(':');
    out.append(std::to_string(seen[i].second));
  }
  return out;
}

Result<PegawaiCursor> PegawaiCursor::decode(std::string_view text) {
  PegawaiCursor cursor;
  if (text.empty()) return cursor;
  auto bad = [&](std::string_view what) {
    return Error::parse("pegawai cursor '" + std::string(text.substr(0, 80)) +
                        "': " + std::string(what) + " (expected v1|since|page|watermark|seen)");
  };
  std::vector<std::string_view> parts = split(text, '|');
  if (parts.size() != 5 || parts[0] != kVersion) return bad("unknown format");
  cursor.since = parts[1];
  cursor.page = parts[2];
  cursor.watermark = parts[3];
  if (!parts[4].empty())
    for (std::string_view entry : split(parts[4], ',')) {
      std::size_t colon = entry.find(':');
      if (colon == std::string_view::npos || colon == 0) return bad("bad seen entry");
      std::uint64_t hash = 0;
      std::string_view h = entry.substr(colon + 1);
      auto [end, ec] = std::from_chars(h.data(), h.data() + h.size(), hash);
      if (ec != std::errc() || end != h.data() + h.size()) return bad("bad seen hash");
      cursor.seen.emplace_back(std::string(entry.substr(0, colon)), hash);
    }
  return cursor;
}

}  // namespace sinkron::connectors::simpeg

#pragma once
// Small ASCII text helpers shared by the builders.
#include <cstdint>
#include <string>
#include <string_view>

namespace sinkron::population {

inline char upperAscii(char c) {
  return c >= 'a' && c <= 'z' ? static_cast<char>(c - 32) : c;
}
inline char lowerAscii(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c;
}
inline void appendUpper(std::string& out, std::string_view s) {
  for (char c : s) out.push_back(upperAscii(c));
}
inline void appendLower(std::string& out, std::string_view s) {
  for (char c : s) out.push_back(lowerAscii(c));
}
inline void toUpper(std::string& s) {
  for (char& c : s) c = upperAscii(c);
}
// 32 lowercase hex digits of two 64-bit words.
inline void appendHex128(std::string& out, std::uint64_t hi, std::uint64_t lo) {
  static constexpr char kHex[] = "0123456789abcdef";
  char buf[32];
  for (int i = 15; i >= 0; --i, hi >>= 4) buf[i] = kHex[hi & 15];
  for (int i = 31; i >= 16; --i, lo >>= 4) buf[i] = kHex[lo & 15];
  out.append(buf, 32);
}
// Replaces the first occurrence of `from` (at or after `pos`); true when replaced.
inline bool replaceFirst(std::string& s, std::string_view from, std::string_view to,
                         std::size_t pos = 0) {
  std::size_t at = s.find(from, pos);
  if (at == std::string::npos) return false;
  s.replace(at, from.size(), to);
  return true;
}

}  // namespace sinkron::population

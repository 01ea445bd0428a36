#include "sinkron/mappings/name_normalizer.hpp"

#include <algorithm>
#include <array>
#include <string_view>
#include <vector>

#include "title_table.hpp"

namespace sinkron::mappings {
namespace {

using detail::findTitle;
using detail::TitlePosition;

char lowerAscii(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
}
bool isSpace(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

// Title lookup key: lowercase, dots and inner spaces removed ("S. Pd." -> "spd").
std::string_view titleKey(std::string_view token, std::array<char, 24>& buf) {
  std::size_t n = 0;
  for (char c : token) {
    if (c == '.' || c == ' ' || c == ',') continue;
    if (n == buf.size()) return {};
    buf[n++] = lowerAscii(c);
  }
  return {buf.data(), n};
}

bool isTitle(std::string_view token, TitlePosition where) {
  std::array<char, 24> buf;
  auto key = titleKey(token, buf);
  if (key.empty()) return false;
  const auto* t = findTitle(key);
  return t && (static_cast<unsigned>(t->position) & static_cast<unsigned>(where)) != 0;
}

// Whole-token spelling variants folded to one form (DOMAIN.md: common variants).
struct Variant {
  std::string_view from, to;
};
constexpr auto kVariants = std::to_array<Variant>({
    {"m", "muhammad"},        {"mhd", "muhammad"},
    {"moh", "muhammad"},      {"moch", "muhammad"},
    {"mochamad", "muhammad"}, {"mochammad", "muhammad"},
    {"mohamad", "muhammad"},  {"mohammad", "muhammad"},
    {"mohammed", "muhammad"}, {"muh", "muhammad"},
    {"muhamad", "muhammad"},  {"muhammed", "muhammad"},
    {"mukhamad", "muhammad"}, {"mukhammad", "muhammad"},
    {"nurul", "nur"},         {"noor", "nur"},
    {"st", "siti"},           {"sitti", "siti"},
    {"achmad", "ahmad"},      {"akhmad", "ahmad"},
    {"ahmat", "ahmad"},       {"abd", "abdul"},
    {"abdoel", "abdul"},
});

static_assert(std::all_of(kVariants.begin(), kVariants.end(),
                          [](const Variant& v) {
                            const char c = v.from.front();
                            return c == 'a' || c == 'm' || c == 'n' || c == 's';
                          }),
              "foldVariant's first-letter test covers every variant");

std::string_view foldVariant(std::string_view token) {
  // Every variant starts with a, m, n or s: most tokens leave after one test.
  const char c = token.empty() ? '\0' : token.front();
  if (c != 'a' && c != 'm' && c != 'n' && c != 's') return token;
  for (const auto& v : kVariants)
    if (v.from == token) return v.to;
  return token;
}

// Old (pre-1972) spelling to the current one, inside a token: oe->u, dj->j, tj->c, sj->sy.
// Writes at most t.size() bytes at out and returns the end.
char* writeModernSpelling(std::string_view t, char* out) {
  const std::size_t n = t.size();
  for (std::size_t i = 0; i < n; ++i) {
    const char c = t[i];
    const char next = i + 1 < n ? t[i + 1] : '\0';
    if (next == 'e' && c == 'o') {
      *out++ = 'u';
      ++i;
    } else if (next == 'j' && (c == 'd' || c == 't' || c == 's')) {
      if (c == 's') *out++ = 's';
      *out++ = c == 't' ? 'c' : c == 'd' ? 'j' : 'y';
      ++i;
    } else {
      *out++ = c;
    }
  }
  return out;
}

struct Token {
  std::string_view raw;  // as written, may end with '.'
};

void tokenize(std::string_view text, std::vector<Token>& tokens) {
  tokens.clear();
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && (isSpace(text[i]) || text[i] == ',')) ++i;
    std::size_t start = i;
    while (i < text.size() && !isSpace(text[i]) && text[i] != ',') ++i;
    if (i > start) tokens.push_back({text.substr(start, i - start)});
  }
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (isSpace(s.front()) || s.front() == ',')) s.remove_prefix(1);
  while (!s.empty() && (isSpace(s.back()) || s.back() == ',')) s.remove_suffix(1);
  return s;
}

}  // namespace

bool isTitleToken(std::string_view token) {
  return isTitle(token, TitlePosition::kEither);
}

SplitName splitTitledName(std::string_view text) {
  SplitName out;
  text = trim(text);
  // Everything after the first comma is back titles ("Ahmad Yani, S.Pd., M.Si.").
  std::string_view head = text, tail;
  if (auto comma = text.find(','); comma != std::string_view::npos) {
    head = trim(text.substr(0, comma));
    tail = trim(text.substr(comma + 1));
  }
  thread_local std::vector<Token> tokens;  // reused: called once per row by split_name
  tokenize(head, tokens);
  std::size_t first = 0, last = tokens.size();
  // Front titles: leading tokens that are titles, keeping at least one name token.
  while (first + 1 < last && isTitle(tokens[first].raw, TitlePosition::kFront)) ++first;
  // Back titles written without a comma ("Ahmad Yani S.Pd"): trailing dotted title tokens.
  while (last > first + 1 && tokens[last - 1].raw.find('.') != std::string_view::npos &&
         isTitle(tokens[last - 1].raw, TitlePosition::kBack))
    --last;
  auto join = [&](std::size_t from, std::size_t to, std::string& dst) {
    for (std::size_t i = from; i < to; ++i) {
      if (!dst.empty()) dst.push_back(' ');
      dst.append(tokens[i].raw);
    }
  };
  join(0, first, out.gelarDepan);
  join(first, last, out.nama);
  std::string back;
  join(last, tokens.size(), back);
  if (!tail.empty()) {
    if (!back.empty()) back.append(", ");
    back.append(tail);
  }
  out.gelarBelakang = std::move(back);
  return out;
}

void normalizeName(std::string_view text, std::string& out) {
  out.clear();
  thread_local std::vector<Token> tokens;
  // After a comma come back titles ("Ahmad Yani, S.Pd.") or, in some exports, the given names
  // ("YANI, AHMAD"): drop the tail only when every token of it is a title.
  if (auto comma = text.find(','); comma != std::string_view::npos) {
    tokenize(text.substr(comma + 1), tokens);
    bool allTitles = true;
    for (const auto& t : tokens) allTitles = allTitles && isTitle(t.raw, TitlePosition::kEither);
    if (allTitles) text = text.substr(0, comma);
  }
  tokenize(text, tokens);
  std::size_t first = 0, last = tokens.size();
  while (first + 1 < last && isTitle(tokens[first].raw, TitlePosition::kFront)) ++first;
  while (last > first + 1 && isTitle(tokens[last - 1].raw, TitlePosition::kBack)) --last;

  // Each token writes at most max(its size, 8) bytes (a variant such as "m" -> "muhammad" can
  // grow it) and a space: size the output once and write through a pointer.
  std::size_t bound = 0;
  for (std::size_t i = first; i < last; ++i)
    bound += std::max<std::size_t>(tokens[i].raw.size(), 8) + 1;
  out.resize(bound);
  char* const begin = out.data();
  char* end = begin;
  std::array<char, 64> buf;
  for (std::size_t i = first; i < last; ++i) {
    // Lowercase letters and digits only; other ASCII punctuation splits nothing, it is dropped.
    std::size_t n = 0;
    for (char c : tokens[i].raw) {
      unsigned char u = static_cast<unsigned char>(c);
      if (u >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
        if (n < buf.size()) buf[n++] = lowerAscii(c);
      }
    }
    if (n == 0) continue;
    const std::string_view token = foldVariant({buf.data(), n});
    if (end != begin) *end++ = ' ';
    end = writeModernSpelling(token, end);
  }
  out.resize(static_cast<std::size_t>(end - begin));
}

}  // namespace sinkron::mappings

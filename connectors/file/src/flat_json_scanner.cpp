#include "flat_json_scanner.hpp"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace sinkron::connectors {
namespace {

bool isBlank(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

class Cursor {
 public:
  Cursor(const char* p, const char* end) : p_(p), end_(end) {}

  void skipBlanks() {
    while (p_ < end_ && isBlank(*p_)) ++p_;
  }
  // Exports rarely put blanks between tokens: look at the next byte before skipping any.
  bool take(char c) {
    if (p_ < end_ && *p_ == c) {
      ++p_;
      return true;
    }
    skipBlanks();
    if (p_ == end_ || *p_ != c) return false;
    ++p_;
    return true;
  }
  const char* position() const { return p_; }
  const char* end() const { return end_; }
  void skip(std::size_t n) { p_ += n; }
  char peek() {
    if (p_ < end_ && !isBlank(*p_)) return *p_;
    skipBlanks();
    return p_ == end_ ? '\0' : *p_;
  }

  // After the opening quote: the string up to the closing quote. False on an escape, a control
  // character or a missing quote (RapidJSON then unescapes or reports it).
  bool string(std::string_view& out) {
    const char* start = p_;
#if defined(__SSE2__)
    const __m128i quote = _mm_set1_epi8('"');
    const __m128i backslash = _mm_set1_epi8('\\');
    const __m128i below32 = _mm_set1_epi8(0x1F);
    while (end_ - p_ >= 16) {
      const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p_));
      const __m128i control = _mm_cmpeq_epi8(_mm_min_epu8(x, below32), x);  // x <= 0x1F
      const __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, quote), control),
                                       _mm_cmpeq_epi8(x, backslash));
      if (const int mask = _mm_movemask_epi8(hit)) {
        p_ += __builtin_ctz(static_cast<unsigned>(mask));
        return closeString(start, out);
      }
      p_ += 16;
    }
#endif
    while (p_ < end_ && *p_ != '"' && *p_ != '\\' && static_cast<unsigned char>(*p_) >= 0x20) ++p_;
    return closeString(start, out);
  }

  // A number in JSON's grammar, true, false or null; `out` as the SAX path gives it.
  bool bare(std::string_view& out) {
    const char* start = p_;
    if (p_ < end_ && (*p_ == 't' || *p_ == 'f' || *p_ == 'n')) {
      for (std::string_view word :
           {std::string_view("true"), std::string_view("false"), std::string_view("null")}) {
        if (static_cast<std::size_t>(end_ - p_) >= word.size() &&
            std::string_view(p_, word.size()) == word) {
          p_ += word.size();
          out = word == "null" ? std::string_view() : word;
          return true;
        }
      }
      return false;
    }
    if (p_ < end_ && *p_ == '-') ++p_;
    if (p_ == end_ || !digit(*p_)) return false;
    if (*p_ == '0') {
      ++p_;
    } else {
      while (p_ < end_ && digit(*p_)) ++p_;
    }
    if (p_ < end_ && *p_ == '.') {
      ++p_;
      if (!digits()) return false;
    }
    if (p_ < end_ && (*p_ == 'e' || *p_ == 'E')) {
      ++p_;
      if (p_ < end_ && (*p_ == '+' || *p_ == '-')) ++p_;
      if (!digits()) return false;
    }
    out = std::string_view(start, static_cast<std::size_t>(p_ - start));
    return true;
  }

 private:
  static bool digit(char c) {
    return c >= '0' && c <= '9';
  }
  bool digits() {
    const char* start = p_;
    while (p_ < end_ && digit(*p_)) ++p_;
    return p_ > start;
  }
  bool closeString(const char* start, std::string_view& out) {
    if (p_ == end_ || *p_ != '"') return false;
    out = std::string_view(start, static_cast<std::size_t>(p_ - start));
    ++p_;
    return true;
  }

  const char* p_;
  const char* end_;
};

}  // namespace

bool scanFlatJsonObject(std::string_view text, std::string_view root, JsonFieldIndex& index,
                        std::span<std::string_view> slots) {
  Cursor in(text.data(), text.data() + text.size());
  if (!in.take('{')) return false;
  if (in.take('}')) return true;  // what follows the object is not this record's
  int depth = 1;                  // 2 inside the root wrapper
  bool unwrapped = false;
  std::size_t position = 0;  // member number, for the key-order guess
  // Bounded by the text: every turn consumes at least one member.
  for (;;) {
    std::string_view key, value;
    int slot = -1;
    // Records of one export repeat their key order: compare the expected "key": first.
    const std::size_t known = index.matchRemembered(position, in.position(), in.end(), key, slot);
    if (known != 0) {
      in.skip(known);
    } else if (!in.take('"') || !in.string(key) || !in.take(':')) {
      return false;
    }
    const char c = in.peek();
    if (c == '{') {
      // Only the first object under the root key is unwrapped; other nesting takes the SAX path.
      if (depth != 1 || unwrapped || key != root) return false;
      in.take('{');
      unwrapped = true;
      depth = 2;
      if (!in.take('}')) continue;  // its first member
      depth = 1;
    } else {
      if (c == '"') {
        in.take('"');
        if (!in.string(value)) return false;
      } else if (!in.bare(value)) {
        return false;  // arrays, or text that is not JSON
      }
      if (known == 0) slot = index.findAt(position, key);
      ++position;
      if (slot >= 0) slots[static_cast<std::size_t>(slot)] = value;
    }
    // After a value: the next member, or the end of one or both objects.
    for (;;) {
      if (in.take(',')) break;
      if (!in.take('}')) return false;
      if (--depth == 0) return true;
    }
  }
}

}  // namespace sinkron::connectors

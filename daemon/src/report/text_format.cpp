#include "text_format.hpp"

#include <cmath>
#include <cstdio>

namespace sinkron::report {
namespace {

bool isDigit(char c) {
  return c >= '0' && c <= '9';
}

// Length of the valid UTF-8 sequence starting at s[i], or 0 when invalid.
std::size_t utf8SequenceLength(std::string_view s, std::size_t i) {
  const auto c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) return 1;
  std::size_t n;
  unsigned min;
  if ((c & 0xE0) == 0xC0) {
    n = 2, min = 0x80;
  } else if ((c & 0xF0) == 0xE0) {
    n = 3, min = 0x800;
  } else if ((c & 0xF8) == 0xF0) {
    n = 4, min = 0x10000;
  } else {
    return 0;
  }
  if (i + n > s.size()) return 0;
  unsigned cp = c & (0x7F >> n);
  for (std::size_t k = 1; k < n; ++k) {
    const auto d = static_cast<unsigned char>(s[i + k]);
    if ((d & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (d & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return n;
}

}  // namespace

SituationLabel situationLabel(std::string_view situation, std::string_view leftName,
                              std::string_view rightName) {
  if (situation == "matched") return {"Cocok", "matched", "#2f855a"};
  if (situation == "matched_with_differences")
    return {"Cocok, ada perbedaan", "matched with differences", "#2b6cb0"};
  if (situation == "review") return {"Perlu ditinjau", "needs review", "#b7791f"};
  if (situation == "only_left")
    return {"Hanya di " + std::string(leftName), "only in " + std::string(leftName), "#6b46c1"};
  if (situation == "only_right")
    return {"Hanya di " + std::string(rightName), "only in " + std::string(rightName), "#c05621"};
  if (situation == "duplicate") return {"Duplikat", "duplicate", "#c53030"};
  return {std::string(situation), std::string(situation), "#4a5568"};
}

std::string formatCount(std::uint64_t n) {
  std::string digits = std::to_string(n);
  std::string out;
  out.reserve(digits.size() + digits.size() / 3);
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += '.';
    out += digits[i];
  }
  return out;
}

std::string formatDecimal(double v, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  std::string out(buf);
  for (char& c : out)
    if (c == '.') c = ',';
  return out;
}

std::string formatPercent(std::uint64_t part, std::uint64_t whole) {
  if (whole == 0) return "0 %";
  return formatDecimal(100.0 * static_cast<double>(part) / static_cast<double>(whole), 1) + " %";
}

void appendHtmlEscaped(std::string& out, std::string_view text) {
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
}

std::string maskNikValue(std::string_view value) {
  for (char c : value)
    if (static_cast<unsigned char>(c) >= 0x80) return "****";
  if (value.size() <= 8) return std::string(value.size(), '*');
  std::string out(value.substr(0, 6));
  out.append(value.size() - 8, '*');
  out.append(value.substr(value.size() - 2));
  return out;
}

std::string maskNiksInText(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    if (!isDigit(text[i])) {
      out += text[i++];
      continue;
    }
    std::size_t j = i;
    while (j < text.size() && isDigit(text[j])) ++j;
    // Exactly 16: an 18-digit NIP or a 9-digit old NIP is an employee number, not a NIK.
    if (j - i == 16) {
      out += maskNikValue(text.substr(i, 16));
    } else {
      out.append(text.substr(i, j - i));
    }
    i = j;
  }
  return out;
}

bool isNikField(std::string_view field) {
  if (field.size() < 3) return false;
  std::string lower;
  for (char c : field) lower += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return lower == "nik" || lower.starts_with("nik_") || lower.ends_with("_nik");
}

bool isValidUtf8(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    if (static_cast<unsigned char>(text[i]) < 0x80) {
      ++i;
      continue;
    }
    const std::size_t n = utf8SequenceLength(text, i);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

std::string repairUtf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t n = utf8SequenceLength(text, i);
    if (n == 0) {
      out += "\xEF\xBF\xBD";
      ++i;
    } else {
      out.append(text.substr(i, n));
      i += n;
    }
  }
  return out;
}

std::string truncateUtf8(std::string_view text, std::size_t maxChars) {
  std::size_t chars = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;
    if (chars == maxChars) return std::string(text.substr(0, i)) + "\xE2\x80\xA6";
    ++chars;
  }
  return std::string(text);
}

std::string_view clipUtf8Bytes(std::string_view text, std::size_t maxBytes) {
  if (text.size() <= maxBytes) return text;
  std::size_t end = maxBytes;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end);
}

}  // namespace sinkron::report

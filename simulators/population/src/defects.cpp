#include "defects.hpp"

#include <span>
#include <string_view>

#include "calendar.hpp"
#include "text.hpp"

namespace sinkron::population {

namespace {

bool isLetter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// Keys next to each other on a QWERTY keyboard, for realistic substitutions.
std::string_view neighbours(char c) {
  switch (lowerAscii(c)) {
    case 'a':
      return "sqzw";
    case 'b':
      return "vngh";
    case 'c':
      return "xvdf";
    case 'd':
      return "sfer";
    case 'e':
      return "wrdi";
    case 'f':
      return "dgrt";
    case 'g':
      return "fhty";
    case 'h':
      return "gjyu";
    case 'i':
      return "uoke";
    case 'j':
      return "hkui";
    case 'k':
      return "jlio";
    case 'l':
      return "kop";
    case 'm':
      return "nj";
    case 'n':
      return "bmhj";
    case 'o':
      return "iplu";
    case 'p':
      return "ol";
    case 'q':
      return "wa";
    case 'r':
      return "etdf";
    case 's':
      return "adwz";
    case 't':
      return "ryfg";
    case 'u':
      return "yiho";
    case 'v':
      return "cbf";
    case 'w':
      return "qeas";
    case 'x':
      return "zcs";
    case 'y':
      return "tuhi";
    case 'z':
      return "xas";
    default:
      return "aeiou";
  }
}

struct Variant {
  std::string_view from;
  std::string_view to;
};
// Ordered from the most to the least specific; all are case-sensitive on title-case names.
constexpr Variant kVariants[] = {{"Muhammad", "M."},
                                 {"Muhammad", "Moh."},
                                 {"Muhammad", "Muhamad"},
                                 {"Muhammad", "Mohammad"},
                                 {"Muhammad", "Muh."},
                                 {"Mohammad", "Muhammad"},
                                 {"Mohammad", "Moh."},
                                 {"Muh.", "Muhammad"},
                                 {"Siti", "St."},
                                 {"Siti", "Sitti"},
                                 {"Sitti", "Siti"},
                                 {"Nurul", "Nur"},
                                 {"Nur ", "Nurul "},
                                 {"Ahmad", "Achmad"},
                                 {"Ahmad", "Akhmad"},
                                 {"Abdul", "Abd."},
                                 {"Andi", "A."},
                                 {"oe", "u"},
                                 {"Soe", "Su"},
                                 {"Dj", "J"},
                                 {"dj", "j"},
                                 {"Tj", "C"},
                                 {"tj", "c"},
                                 {"Sj", "Sy"},
                                 {"ch", "kh"},
                                 {"kh", "ch"},
                                 {"sy", "sj"},
                                 {"Y", "J"},
                                 {"y", "j"},
                                 {"u", "oe"},
                                 {"J", "Dj"},
                                 {"j", "dj"},
                                 {"C", "Tj"},
                                 {"c", "tj"},
                                 {"Su", "Soe"},
                                 {"ph", "f"}};

}  // namespace

void applyTypo(Rng& rng, std::string& name) {
  // Positions of letters after the first character (a first letter is rarely mistyped).
  std::size_t letters = 0;
  for (std::size_t i = 1; i < name.size(); ++i) letters += isLetter(name[i]) ? 1 : 0;
  if (letters == 0) return;
  std::size_t nth = rng.below(letters), pos = 1;
  for (std::size_t i = 1; i < name.size(); ++i) {
    if (!isLetter(name[i])) continue;
    if (nth-- == 0) {
      pos = i;
      break;
    }
  }
  switch (rng.below(4)) {
    case 0: {
      std::string_view n = neighbours(name[pos]);
      char c = n[rng.below(n.size())];
      name[pos] = name[pos] >= 'A' && name[pos] <= 'Z' ? upperAscii(c) : c;
      break;
    }
    case 1:
      name.erase(pos, 1);
      break;
    case 2:
      if (pos + 1 < name.size() && isLetter(name[pos + 1]) && name[pos] != name[pos + 1]) {
        std::swap(name[pos], name[pos + 1]);
      } else {
        name.erase(pos, 1);
      }
      break;
    default:
      name.insert(pos, 1, name[pos]);
      break;
  }
}

bool applyVariant(Rng& rng, std::string& name) {
  const Variant* found[std::size(kVariants)];
  std::size_t n = 0;
  for (const Variant& v : kVariants) {
    if (name.find(v.from) != std::string::npos) found[n++] = &v;
  }
  if (n == 0) return false;
  // Prefer the specific name variants (the first matches) over single-letter spellings.
  std::size_t k = rng.chance(0.6) ? 0 : rng.below(n);
  std::size_t from = 0;
  const Variant& v = *found[k];
  // Single letters: pick a random occurrence so that not only the first letter changes.
  if (v.from.size() == 1) {
    std::size_t count = 0;
    for (std::size_t at = name.find(v.from); at != std::string::npos;
         at = name.find(v.from, at + 1))
      ++count;
    std::size_t skip = rng.below(count);
    from = name.find(v.from);
    while (skip-- > 0) from = name.find(v.from, from + 1);
  }
  return replaceFirst(name, v.from, v.to, from);
}

void replaceDigit(Rng& rng, std::string& digits) {
  if (digits.empty()) return;
  std::size_t pos = rng.below(digits.size());
  char old = digits[pos];
  char c = static_cast<char>('0' + rng.below(9));
  if (c >= old) ++c;
  digits[pos] = c;
}

void transposeDigits(Rng& rng, std::string& digits) {
  if (digits.size() < 2) return;
  std::size_t start = rng.below(digits.size() - 1);
  for (std::size_t k = 0; k + 1 < digits.size(); ++k) {
    std::size_t pos = (start + k) % (digits.size() - 1);
    if (digits[pos] != digits[pos + 1]) {
      std::swap(digits[pos], digits[pos + 1]);
      return;
    }
  }
  replaceDigit(rng, digits);
}

Date corruptDate(Rng& rng, const Date& d) {
  if (d.day <= 12 && d.day != d.month && rng.chance(0.6)) return Date{d.year, d.day, d.month};
  for (int attempt = 0; attempt < 16; ++attempt) {
    Date w = d;
    switch (rng.below(3)) {
      case 0:
        w.day = (d.day / 10) * 10 + static_cast<int>(rng.below(10));
        break;  // units digit
      case 1:
        w.day = static_cast<int>(rng.below(3)) * 10 + d.day % 10;
        break;  // tens digit
      default:
        w.year = (d.year / 10) * 10 + static_cast<int>(rng.below(10));
        break;
    }
    if (isValidDate(w) && !(w == d)) return w;
  }
  return Date{d.year, d.month, d.day == 1 ? 2 : d.day - 1};
}

}  // namespace sinkron::population

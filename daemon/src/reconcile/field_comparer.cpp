#include "field_comparer.hpp"

namespace sinkron::daemon {

using mappings::Field;

namespace {

char lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
}
bool alnum(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         static_cast<unsigned char>(c) >= 0x80;
}

// Equal ignoring case and everything but letters and digits ("S.Pd., M.Si." == "S.Pd, M.Si").
bool equalLooseText(std::string_view a, std::string_view b) {
  std::size_t i = 0, j = 0;
  for (;;) {
    while (i < a.size() && !alnum(a[i])) ++i;
    while (j < b.size() && !alnum(b[j])) ++j;
    if (i == a.size() || j == b.size()) return i == a.size() && j == b.size();
    if (lower(a[i]) != lower(b[j])) return false;
    ++i;
    ++j;
  }
}

// Phone numbers: digits only, +62/62 written as the national 0.
bool equalPhone(std::string_view a, std::string_view b) {
  auto canon = [](std::string_view s, char* out) {
    std::size_t n = 0;
    for (char c : s)
      if (c >= '0' && c <= '9' && n < 31) out[n++] = c;
    std::string_view d(out, n);
    if (d.starts_with("62"))
      d.remove_prefix(2);
    else if (d.starts_with("0"))
      d.remove_prefix(1);
    return d;
  };
  char x[32], y[32];
  return canon(a, x) == canon(b, y);
}

}  // namespace

FieldComparer::FieldComparer(const mappings::RecordTable& left, const mappings::RecordTable& right)
    : left_(left), right_(right) {
  for (Field f : left.storedFields())
    if (right.stores(f) && !mappings::isLocalIdField(f)) fields_.push_back(f);
}

bool FieldComparer::differs(Field f, Values& va, Values& vb, std::uint32_t l,
                            std::uint32_t r) const {
  // Dates packed as days: the same day gives the same text (a differing one is rebuilt below,
  // for the caller to write).
  if (va.isPackedDate(f) && vb.isPackedDate(f) &&
      va.days[mappings::index(f)] == vb.days[mappings::index(f)])
    return false;
  if (va.isPending(f) && vb.isPending(f)) {
    // Both texts would be rebuilt from the match features: equal features, equal texts.
    const auto& x = left_.features(l);
    const auto& y = right_.features(r);
    if ((f == Field::kNip && x.nip == y.nip) || (f == Field::kNik && x.nik == y.nik) ||
        (f == Field::kTglLahir && x.dob == y.dob))
      return false;
  }
  std::string_view a = left_.materialize(l, f, va), b = right_.materialize(r, f, vb);
  if (a == b) return false;
  switch (f) {
    case Field::kNama:
      return left_.name(l) != right_.name(r);
    case Field::kTempatLahir:
      return left_.features(l).placeHash != right_.features(r).placeHash;
    case Field::kUnit:
      return left_.features(l).unitHash != right_.features(r).unitHash;
    case Field::kPhone:
      return !equalPhone(a, b);
    case Field::kGelarDepan:
    case Field::kGelarBelakang:
    case Field::kJabatan:
    case Field::kEmail:
    case Field::kPersonId:
      return !equalLooseText(a, b);
    default:
      return true;
  }
}

}  // namespace sinkron::daemon

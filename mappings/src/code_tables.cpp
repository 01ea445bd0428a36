// The builtin code tables are constexpr data; lookups compare case-insensitively and treat any
// run of punctuation or spaces as one separator ("Fungsional Umum / Pelaksana" ==
// "fungsional umum pelaksana"). Nothing here allocates.
#include "sinkron/mappings/code_tables.hpp"

#include <array>
#include <span>

#include "sinkron/mappings/identifiers.hpp"

namespace sinkron::mappings {
namespace {

constexpr char lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c;
}
constexpr bool isAlnum(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         static_cast<unsigned char>(c) >= 0x80;
}

// Splits text into lowercase-comparable alphanumeric words, one at a time.
class Words {
 public:
  explicit Words(std::string_view s) : s_(s) {}
  bool next(std::string_view& word) {
    while (pos_ < s_.size() && !isAlnum(s_[pos_])) ++pos_;
    if (pos_ == s_.size()) return false;
    const std::size_t start = pos_;
    while (pos_ < s_.size() && isAlnum(s_[pos_])) ++pos_;
    word = s_.substr(start, pos_ - start);
    return true;
  }

 private:
  std::string_view s_;
  std::size_t pos_ = 0;
};

bool wordEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (lower(a[i]) != lower(b[i])) return false;
  return true;
}

// Same words in the same order, ignoring case and punctuation.
bool looseEquals(std::string_view a, std::string_view b) {
  Words wa(a), wb(b);
  std::string_view x, y;
  for (;;) {
    const bool ha = wa.next(x), hb = wb.next(y);
    if (!ha || !hb) return ha == hb;
    if (!wordEquals(x, y)) return false;
  }
}

// ---- Golongan ----------------------------------------------------------------------------

struct GolonganRow {
  int code;
  std::string_view codeText;
  std::string_view roman;
  std::string_view pangkat;
  std::string_view label;
};

constexpr std::array<GolonganRow, 17> kGolongan = {{
    {11, "11", "I/a", "Juru Muda", "Juru Muda (I/a)"},
    {12, "12", "I/b", "Juru Muda Tingkat I", "Juru Muda Tingkat I (I/b)"},
    {13, "13", "I/c", "Juru", "Juru (I/c)"},
    {14, "14", "I/d", "Juru Tingkat I", "Juru Tingkat I (I/d)"},
    {21, "21", "II/a", "Pengatur Muda", "Pengatur Muda (II/a)"},
    {22, "22", "II/b", "Pengatur Muda Tingkat I", "Pengatur Muda Tingkat I (II/b)"},
    {23, "23", "II/c", "Pengatur", "Pengatur (II/c)"},
    {24, "24", "II/d", "Pengatur Tingkat I", "Pengatur Tingkat I (II/d)"},
    {31, "31", "III/a", "Penata Muda", "Penata Muda (III/a)"},
    {32, "32", "III/b", "Penata Muda Tingkat I", "Penata Muda Tingkat I (III/b)"},
    {33, "33", "III/c", "Penata", "Penata (III/c)"},
    {34, "34", "III/d", "Penata Tingkat I", "Penata Tingkat I (III/d)"},
    {41, "41", "IV/a", "Pembina", "Pembina (IV/a)"},
    {42, "42", "IV/b", "Pembina Tingkat I", "Pembina Tingkat I (IV/b)"},
    {43, "43", "IV/c", "Pembina Utama Muda", "Pembina Utama Muda (IV/c)"},
    {44, "44", "IV/d", "Pembina Utama Madya", "Pembina Utama Madya (IV/d)"},
    {45, "45", "IV/e", "Pembina Utama", "Pembina Utama (IV/e)"},
}};

const GolonganRow* golonganRow(int code) {
  for (const auto& r : kGolongan)
    if (r.code == code) return &r;
  return nullptr;
}

Golongan toGolongan(const GolonganRow& r) {
  return {r.code, r.roman, r.pangkat};
}

constexpr std::size_t kMaxWords = 12;
using WordList = std::span<const std::string_view>;

int romanValue(std::string_view w) {
  if (wordEquals(w, "i") || w == "1") return 1;
  if (wordEquals(w, "ii") || w == "2") return 2;
  if (wordEquals(w, "iii") || w == "3") return 3;
  if (wordEquals(w, "iv") || w == "4") return 4;
  return 0;
}

int ruangValue(std::string_view w) {
  const char c = w.size() == 1 ? lower(w[0]) : 0;
  return c >= 'a' && c <= 'e' ? c - 'a' + 1 : 0;
}

// "32" | "iii b" | "3 b" | "iiib" | "3b" as words -> code, 0 when not one of those.
int golonganCodeFromWords(WordList w) {
  int group = 0, ruang = 0;
  if (w.size() == 1) {
    const std::string_view x = w[0];
    if (x.size() == 2 && x[0] >= '0' && x[0] <= '9' && x[1] >= '0' && x[1] <= '9') {
      const int code = (x[0] - '0') * 10 + (x[1] - '0');
      return golonganRow(code) != nullptr ? code : 0;
    }
    if (x.size() < 2) return 0;
    group = romanValue(x.substr(0, x.size() - 1));
    ruang = ruangValue(x.substr(x.size() - 1));
  } else if (w.size() == 2) {
    group = romanValue(w[0]);
    ruang = ruangValue(w[1]);
  }
  if (group == 0 || ruang == 0) return 0;
  const int code = group * 10 + ruang;
  return golonganRow(code) != nullptr ? code : 0;
}

// Pangkat words, with "Tk"/"Tkt" read as "Tingkat" -> code, 0 when unknown.
int golonganCodeFromPangkat(WordList w) {
  for (const auto& r : kGolongan) {
    Words pw(r.pangkat);
    std::string_view p;
    std::size_t i = 0;
    bool same = true;
    while (pw.next(p)) {
      if (i == w.size()) {
        same = false;
        break;
      }
      const std::string_view x = w[i++];
      const bool tingkat = wordEquals(x, "tk") || wordEquals(x, "tkt");
      if (!wordEquals(x, p) && !(tingkat && p == "Tingkat")) {
        same = false;
        break;
      }
    }
    if (same && i == w.size()) return r.code;
  }
  return 0;
}

int golonganCode(std::string_view text) {
  std::array<std::string_view, kMaxWords> words;
  std::size_t n = 0;
  Words it(text);
  std::string_view w;
  while (it.next(w)) {
    if (n == kMaxWords) return 0;
    words[n++] = w;
  }
  const WordList all(words.data(), n);
  if (n == 0) return 0;
  if (int c = golonganCodeFromWords(all)) return c;
  if (int c = golonganCodeFromPangkat(all)) return c;
  // "Penata Muda Tk. I (III/b)" or "III/b Penata Muda Tk. I": both halves must agree.
  for (std::size_t k = 1; k < n; ++k) {
    const WordList head = all.first(k), tail = all.subspan(k);
    int a = golonganCodeFromPangkat(head), b = golonganCodeFromWords(tail);
    if (a == 0 || b == 0) {
      a = golonganCodeFromWords(head);
      b = golonganCodeFromPangkat(tail);
    }
    if (a != 0 && b != 0) return a == b ? a : 0;
  }
  return 0;
}

// ---- Generic tables ----------------------------------------------------------------------

struct CodeRow {
  std::string_view code;
  std::string_view label;
  std::array<std::string_view, 4> aliases;  // other spellings; empty slots unused
};

class StaticCodeTable final : public CodeTable {
 public:
  constexpr StaticCodeTable(std::string_view name, std::span<const CodeRow> rows)
      : name_(name), rows_(rows) {}
  std::string_view name() const override { return name_; }

  std::optional<std::string_view> canonical(std::string_view text) const override {
    for (const auto& r : rows_) {
      if (looseEquals(text, r.code) || looseEquals(text, r.label)) return r.code;
      for (std::string_view a : r.aliases)
        if (!a.empty() && looseEquals(text, a)) return r.code;
    }
    return numericCode(text);
  }

  std::string_view label(std::string_view code) const override {
    for (const auto& r : rows_)
      if (r.code == code) return r.label;
    return {};
  }

 private:
  // "1" for "01": numeric codes that lost their leading zero in a spreadsheet.
  std::optional<std::string_view> numericCode(std::string_view text) const {
    Words it(text);
    std::string_view w, extra;
    if (!it.next(w) || it.next(extra) || w.size() >= 2) return std::nullopt;
    for (const auto& r : rows_)
      if (r.code.size() == 2 && r.code[0] == '0' && r.code[1] == w[0]) return r.code;
    return std::nullopt;
  }

  std::string_view name_;
  std::span<const CodeRow> rows_;
};

constexpr std::array<CodeRow, 14> kKedudukan = {{
    {"01", "Aktif", {"Pegawai Aktif", "PNS Aktif"}},
    {"02", "CLTN", {"Cuti di Luar Tanggungan Negara", "Cuti Luar Tanggungan Negara"}},
    {"03", "Tugas Belajar", {}},
    {"04", "Pemberhentian Sementara", {"Diberhentikan Sementara", "Skorsing"}},
    {"05", "Penerima Uang Tunggu", {}},
    {"06", "Prajurit Wajib", {"Wajib Militer"}},
    {"07", "Pejabat Negara", {}},
    {"08", "Kepala Desa", {}},
    {"13", "Perpanjangan CLTN", {}},
    {"14", "PNS yang Dinyatakan Hilang", {"Hilang"}},
    {"20", "MPP", {"Masa Persiapan Pensiun"}},
    {"66", "Diberhentikan", {"Berhenti", "Pemberhentian"}},
    {"98", "Mencapai BUP", {"Batas Usia Pensiun", "BUP"}},
    {"99", "Pensiun", {"Pensiunan"}},
}};

constexpr std::array<CodeRow, 4> kJenisJabatan = {{
    {"1", "Struktural", {"Jabatan Struktural"}},
    {"2", "Fungsional Tertentu", {"Fungsional", "JFT", "Jabatan Fungsional"}},
    {"3", "Rangkap", {"Jabatan Rangkap"}},
    {"4", "Fungsional Umum / Pelaksana", {"Fungsional Umum", "JFU", "Pelaksana"}},
}};

constexpr std::array<CodeRow, 3> kStatusPegawai = {{
    {"PNS", "Pegawai Negeri Sipil", {}},
    {"CPNS", "Calon Pegawai Negeri Sipil", {"Calon PNS"}},
    {"PPPK", "Pegawai Pemerintah dengan Perjanjian Kerja", {"P3K"}},
}};

const StaticCodeTable kKedudukanTable("kedudukan", kKedudukan);
const StaticCodeTable kJenisJabatanTable("jenis_jabatan", kJenisJabatan);
const StaticCodeTable kStatusPegawaiTable("status_pegawai", kStatusPegawai);

class GolonganTable final : public CodeTable {
 public:
  std::string_view name() const override { return "golongan"; }
  std::optional<std::string_view> canonical(std::string_view text) const override {
    const GolonganRow* r = golonganRow(golonganCode(text));
    if (r == nullptr) return std::nullopt;
    return r->codeText;
  }
  std::string_view label(std::string_view code) const override {
    for (const auto& r : kGolongan)
      if (r.codeText == code) return r.label;
    return {};
  }
};

class SexTable final : public CodeTable {
 public:
  std::string_view name() const override { return "jenis_kelamin"; }
  std::optional<std::string_view> canonical(std::string_view text) const override {
    const std::string_view code = sexCode(parseSex(text));
    if (code.empty()) return std::nullopt;
    return code;
  }
  std::string_view label(std::string_view code) const override {
    if (code == "M") return "Laki-laki";
    if (code == "F") return "Perempuan";
    return {};
  }
};

const GolonganTable kGolonganTable;
const SexTable kSexTable;

constexpr std::array<const CodeTable*, 5> kBuiltins = {
    &kGolonganTable, &kSexTable, &kKedudukanTable, &kJenisJabatanTable, &kStatusPegawaiTable};

}  // namespace

std::optional<Golongan> golonganByCode(int code) {
  const GolonganRow* r = golonganRow(code);
  if (r == nullptr) return std::nullopt;
  return toGolongan(*r);
}

std::optional<Golongan> parseGolongan(std::string_view text) {
  return golonganByCode(golonganCode(text));
}

const CodeTable* builtinCodeTable(std::string_view name) {
  for (const CodeTable* t : kBuiltins)
    if (t->name() == name) return t;
  return nullptr;
}

std::string_view builtinCodeTableNames() {
  return "golongan, jenis_kelamin, kedudukan, jenis_jabatan, status_pegawai";
}

}  // namespace sinkron::mappings

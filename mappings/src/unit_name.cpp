// Unit name normalization: lowercase ASCII words, then a longest-match pass over an abbreviation
// table. Where the long form itself varies (UPTD = "unit pelaksana teknis daerah" or "...
// dinas") the table maps the long forms onto the short one instead; equality is what matters.
#include "sinkron/mappings/unit_name.hpp"

#include <algorithm>
#include <array>
#include <unordered_map>
#include <vector>

namespace sinkron::mappings {
namespace {

struct Abbreviation {
  std::string_view from;  // one or more words, single spaces, lowercase
  std::string_view to;
};

constexpr auto kAbbreviations = std::to_array<Abbreviation>({
    // Regions and government.
    {"kab", "kabupaten"},
    {"kec", "kecamatan"},
    {"kel", "kelurahan"},
    {"prov", "provinsi"},
    {"prop", "provinsi"},
    {"propinsi", "provinsi"},
    {"pemkab", "pemerintah kabupaten"},
    {"pemkot", "pemerintah kota"},
    {"pemprov", "pemerintah provinsi"},
    {"sekda", "sekretariat daerah"},
    {"setda", "sekretariat daerah"},
    {"setdakab", "sekretariat daerah kabupaten"},
    {"setdakot", "sekretariat daerah kota"},
    {"setdaprov", "sekretariat daerah provinsi"},
    {"sekwan", "sekretariat dprd"},
    {"setwan", "sekretariat dprd"},
    {"sekretariat dewan", "sekretariat dprd"},
    // Organisational levels.
    {"bag", "bagian"},
    {"subbag", "sub bagian"},
    {"subag", "sub bagian"},
    {"sub bag", "sub bagian"},
    {"subbagian", "sub bagian"},
    {"bid", "bidang"},
    {"subbid", "sub bidang"},
    {"subbidang", "sub bidang"},
    {"sie", "seksi"},
    {"unit pelaksana teknis daerah", "uptd"},
    {"unit pelaksana teknis dinas", "uptd"},
    {"unit pelaksana teknis", "upt"},
    // Dinas.
    {"disdik", "dinas pendidikan"},
    {"dindik", "dinas pendidikan"},
    {"disdikbud", "dinas pendidikan dan kebudayaan"},
    {"dikbud", "pendidikan dan kebudayaan"},
    {"disdikpora", "dinas pendidikan pemuda dan olahraga"},
    {"dinkes", "dinas kesehatan"},
    {"dishub", "dinas perhubungan"},
    {"dinsos", "dinas sosial"},
    {"disnaker", "dinas tenaga kerja"},
    {"disnakertrans", "dinas tenaga kerja dan transmigrasi"},
    {"disperindag", "dinas perindustrian dan perdagangan"},
    {"disdag", "dinas perdagangan"},
    {"dispora", "dinas pemuda dan olahraga"},
    {"dispar", "dinas pariwisata"},
    {"disbudpar", "dinas kebudayaan dan pariwisata"},
    {"distan", "dinas pertanian"},
    {"diskominfo", "dinas komunikasi dan informatika"},
    {"kominfo", "komunikasi dan informatika"},
    {"dpu", "dinas pekerjaan umum"},
    {"dpupr", "dinas pekerjaan umum dan penataan ruang"},
    {"disperkim", "dinas perumahan dan kawasan permukiman"},
    {"dlh", "dinas lingkungan hidup"},
    {"dpmptsp", "dinas penanaman modal dan pelayanan terpadu satu pintu"},
    {"dpmd", "dinas pemberdayaan masyarakat dan desa"},
    {"dp3a", "dinas pemberdayaan perempuan dan perlindungan anak"},
    {"diskopukm", "dinas koperasi usaha kecil dan menengah"},
    {"dukcapil", "kependudukan dan pencatatan sipil"},
    {"disdukcapil", "dinas kependudukan dan pencatatan sipil"},
    {"dispendukcapil", "dinas kependudukan dan pencatatan sipil"},
    // Badan and others.
    {"bappeda", "badan perencanaan pembangunan daerah"},
    {"bapelitbangda", "badan perencanaan pembangunan penelitian dan pengembangan daerah"},
    {"bkd", "badan kepegawaian daerah"},
    {"bkpsdm", "badan kepegawaian dan pengembangan sumber daya manusia"},
    {"bpkad", "badan pengelolaan keuangan dan aset daerah"},
    {"bapenda", "badan pendapatan daerah"},
    {"bpbd", "badan penanggulangan bencana daerah"},
    {"kesbangpol", "kesatuan bangsa dan politik"},
    {"satpol", "satuan polisi pamong praja"},
    {"satpol pp", "satuan polisi pamong praja"},
    {"satpolpp", "satuan polisi pamong praja"},
    // Health.
    {"rsud", "rumah sakit umum daerah"},
    {"rsu", "rumah sakit umum"},
    {"rs", "rumah sakit"},
    {"puskesmas", "pusat kesehatan masyarakat"},
    {"pkm", "pusat kesehatan masyarakat"},
    {"pustu", "pusat kesehatan masyarakat pembantu"},
    // Schools: the short forms "sd", "smp" ... are canonical.
    {"sdn", "sd negeri"},
    {"smpn", "smp negeri"},
    {"sman", "sma negeri"},
    {"smkn", "smk negeri"},
    {"sd n", "sd negeri"},
    {"smp n", "smp negeri"},
    {"sma n", "sma negeri"},
    {"smk n", "smk negeri"},
    {"sekolah dasar", "sd"},
    {"sekolah menengah pertama", "smp"},
    {"sekolah menengah atas", "sma"},
    {"sekolah menengah kejuruan", "smk"},
});

constexpr char lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c;
}
constexpr bool isDigit(char c) {
  return c >= '0' && c <= '9';
}
constexpr bool isWordChar(char c) {
  return isDigit(c) || (c >= 'a' && c <= 'z') || static_cast<unsigned char>(c) >= 0x80;
}

// Lowercases, turns '&' into "dan" and splits into words; "smpn2" becomes "smpn", "2".
void splitWords(std::string_view name, std::string& buf, std::vector<std::string_view>& words) {
  buf.clear();
  buf.reserve(name.size() + 8);
  for (char c : name) {
    if (c == '&') {
      buf += " dan ";
    } else {
      const char l = lower(c);
      buf += isWordChar(l) ? l : ' ';
    }
  }
  std::size_t i = 0;
  while (i < buf.size()) {
    while (i < buf.size() && buf[i] == ' ') ++i;
    const std::size_t start = i;
    while (i < buf.size() && buf[i] != ' ') ++i;
    if (i == start) break;
    std::string_view w(buf.data() + start, i - start);
    std::size_t letters = 0;
    while (letters < w.size() && w[letters] >= 'a' && w[letters] <= 'z') ++letters;
    bool digitTail = letters > 0 && letters < w.size();
    for (std::size_t k = letters; k < w.size() && digitTail; ++k) digitTail = isDigit(w[k]);
    if (digitTail) {
      words.push_back(w.substr(0, letters));
      words.push_back(w.substr(letters));
    } else {
      words.push_back(w);
    }
  }
}

// The table split into words once, and indexed by first word: each position of a name then
// costs one hash probe instead of a pass over the whole table.
struct AbbreviationIndex {
  struct Entry {
    std::vector<std::string_view> words;
    std::string_view to;
  };
  std::vector<Entry> entries;  // table order
  std::unordered_map<std::string_view, std::vector<std::size_t>> byFirstWord;

  AbbreviationIndex() {
    for (const auto& a : kAbbreviations) {
      Entry e{{}, a.to};
      std::string_view from = a.from;
      while (!from.empty()) {
        const std::size_t space = from.find(' ');
        e.words.push_back(from.substr(0, space));
        from = space == std::string_view::npos ? std::string_view{} : from.substr(space + 1);
      }
      byFirstWord[e.words.front()].push_back(entries.size());
      entries.push_back(std::move(e));
    }
  }
};

const AbbreviationIndex& abbreviationIndex() {
  static const AbbreviationIndex index;
  return index;
}

}  // namespace

std::string normalizeUnitName(std::string_view name) {
  const AbbreviationIndex& index = abbreviationIndex();
  std::string buf;
  std::vector<std::string_view> words;
  splitWords(name, buf, words);
  std::string out;
  out.reserve(buf.size() + 16);
  for (std::size_t i = 0; i < words.size();) {
    std::size_t best = 0;
    std::string_view replacement;
    if (auto it = index.byFirstWord.find(words[i]); it != index.byFirstWord.end()) {
      for (const std::size_t e : it->second) {  // longest match; the first of equals wins
        const auto& entry = index.entries[e];
        const std::size_t n = entry.words.size();
        if (n <= best || i + n > words.size()) continue;
        if (std::equal(entry.words.begin() + 1, entry.words.end(), words.begin() + i + 1)) {
          best = n;
          replacement = entry.to;
        }
      }
    }
    if (!out.empty()) out += ' ';
    if (best == 0) {
      out += words[i];
      ++i;
    } else {
      out += replacement;
      i += best;
    }
  }
  return out;
}

}  // namespace sinkron::mappings

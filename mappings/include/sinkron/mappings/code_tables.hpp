#pragma once
// National code tables (DOMAIN.md): golongan/ruang with pangkat names, jenis jabatan, kedudukan
// hukum, sex, status pegawai. Lookups accept the national code or any local spelling.
#include <optional>
#include <string_view>

namespace sinkron::mappings {

struct Golongan {
  int code;                  // 11..45
  std::string_view roman;    // "III/b"
  std::string_view pangkat;  // "Penata Muda Tingkat I"
};

std::optional<Golongan> golonganByCode(int code);
// "III/b", "III b", "iii/B", "3b", "32", "Penata Muda Tk. I", "Penata Muda Tingkat I (III/b)".
std::optional<Golongan> parseGolongan(std::string_view text);

// A named code table used by the mapping `lookup` transform. `canonical()` returns the canonical
// code for a code or a name (case-insensitive), nullopt when unknown.
class CodeTable {
 public:
  virtual ~CodeTable() = default;
  virtual std::string_view name() const = 0;
  virtual std::optional<std::string_view> canonical(std::string_view text) const = 0;
  // Human-readable name for a canonical code ("01" -> "Aktif"); empty when unknown.
  virtual std::string_view label(std::string_view code) const = 0;
};

// "golongan" (-> "32"), "jenis_kelamin" (-> "M"/"F"), "kedudukan" (-> "01"),
// "jenis_jabatan" (-> "1".."4"), "status_pegawai" (-> "PNS"/"CPNS"/"PPPK"). nullptr when unknown.
const CodeTable* builtinCodeTable(std::string_view name);
// Comma-separated list of the builtin table names, for error hints.
std::string_view builtinCodeTableNames();

}  // namespace sinkron::mappings

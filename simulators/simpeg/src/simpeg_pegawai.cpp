// pegawai rows from the population's SIMPEG rows: titles split out of the inline name, ids as
// numbers, retirement flag, and a generated updated_at.
#include <charconv>
#include <string_view>

#include "dates.hpp"
#include "seeded_hash.hpp"
#include "sinkron/mappings/civil_date.hpp"
#include "sinkron/sim/simpeg_model.hpp"

namespace sinkron::sim::simpeg {

namespace {

constexpr std::int64_t kMicros = 1000000;
constexpr std::int64_t kUpdateWindowSeconds = 3LL * 365 * 86400;

// Front titles as the population writes them ("Dr. H.", "dr.", "Ns. Hj.", "DRS.").
bool isFrontTitle(std::string_view token) {
  static constexpr std::string_view kTitles[] = {"dr.", "drs.", "dra.", "ir.", "ns.", "h.", "hj."};
  if (token.size() > 4) return false;
  char lower[4];
  for (std::size_t i = 0; i < token.size(); ++i)
    lower[i] = token[i] >= 'A' && token[i] <= 'Z' ? static_cast<char>(token[i] + 32) : token[i];
  std::string_view l(lower, token.size());
  for (std::string_view t : kTitles)
    if (l == t) return true;
  return false;
}

// The population writes ISO dates; "dd-mm-yyyy" is accepted too. Unreadable text is kept.
std::string normalizedDay(const std::string& text) {
  std::optional<CivilDate> d = parseDay(text);
  return d ? d->iso() : text;
}

std::uint32_t toId(std::string_view text) {
  std::uint32_t v = 0;
  std::from_chars(text.data(), text.data() + text.size(), v);
  return v;
}

// "Dr. H. Ahmad Yani, S.Pd., M.Si." -> front "Dr. H.", core "Ahmad Yani", back "S.Pd., M.Si."
void splitTitles(std::string_view inline_, PegawaiRow& out) {
  std::string_view core = inline_;
  std::size_t comma = core.find(", ");
  out.gelarBelakang.clear();
  if (comma != std::string_view::npos) {
    out.gelarBelakang.assign(core.substr(comma + 2));
    core = core.substr(0, comma);
  }
  std::size_t frontEnd = 0;
  for (;;) {
    std::size_t space = core.find(' ', frontEnd);
    if (space == std::string_view::npos || !isFrontTitle(core.substr(frontEnd, space - frontEnd)))
      break;
    frontEnd = space + 1;
  }
  out.gelarDepan.assign(core.substr(0, frontEnd == 0 ? 0 : frontEnd - 1));
  out.nama.assign(core.substr(frontEnd));
}

}  // namespace

std::int64_t generatedHorizonMicros(const population::GeneratorOptions& options) {
  return static_cast<std::int64_t>(CivilDate{options.asOfYear, 1, 1}.toDays()) * 86400 * kMicros;
}

std::int64_t generatedUpdatedAtMicros(const population::GeneratorOptions& options,
                                      std::uint32_t idPegawai) {
  auto back = static_cast<std::int64_t>(seededHash(options.seed, idPegawai, kPurposeUpdatedAt) %
                                        kUpdateWindowSeconds);
  return generatedHorizonMicros(options) - (1 + back) * kMicros;
}

PegawaiRow pegawaiRow(const population::GeneratorOptions& options,
                      const population::SimpegRow& row) {
  PegawaiRow r;
  r.idPegawai = toId(row.idPegawai);
  r.nipBaru = row.nipBaru;
  r.nipLama = row.nipLama;
  splitTitles(row.nama, r);
  r.tempatLahir = row.tempatLahir;
  r.tglLahir = normalizedDay(row.tglLahir);
  r.jenisKelamin = row.jenisKelamin;
  r.nik = row.nik;
  r.pangkatGol = row.pangkatGol;
  r.jenjab = row.jenjab;
  r.idJ = toId(row.idJ);
  r.idUnitKerja = toId(row.idUnitKerja);
  r.statusPegawai = row.statusPegawai;
  r.kedudukan = row.kedudukan;
  r.flagPensiun = row.kedudukan == "Pensiun" ? 1 : 0;
  r.tmtCpns = normalizedDay(row.tmtCpns);
  r.tmtPns = normalizedDay(row.tmtPns);
  r.tmtGol = normalizedDay(row.tmtGol);
  r.noRefBkn = row.noRefBkn;
  r.email = row.email;
  r.noHp = row.noHp;
  r.updatedAtMicros = generatedUpdatedAtMicros(options, r.idPegawai);
  return r;
}

}  // namespace sinkron::sim::simpeg

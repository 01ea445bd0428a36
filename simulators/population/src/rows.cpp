// What each system holds about a person: the true values written in the system's conventions,
// with the planned defects applied on the side that carries them.
#include "calendar.hpp"
#include "context.hpp"
#include "defects.hpp"
#include "text.hpp"
#include "titles.hpp"

namespace sinkron::population {

namespace {

constexpr std::string_view kOtherHosts[] = {"yahoo.co.id", "gmail.com", "rocketmail.com",
                                            "hotmail.com"};

std::string_view statusText(EmploymentStatus s) {
  switch (s) {
    case EmploymentStatus::kPns:
      return "PNS";
    case EmploymentStatus::kCpns:
      return "CPNS";
    default:
      return "PPPK";
  }
}

std::string_view jenjabText(int jenis) {
  switch (jenis) {
    case 1:
      return "Struktural";
    case 2:
      return "Fungsional Tertentu";
    default:
      return "Fungsional Umum";
  }
}

// The name as one side spells it (no titles).
void sideName(const Person& p, std::uint32_t bits, bool upper, Rng& rng, std::string& out) {
  out.assign(p.name);
  if (bits & bit(Defect::kNameVariant)) applyVariant(rng, out);
  if (bits & bit(Defect::kNameTypo)) applyTypo(rng, out);
  if (upper) toUpper(out);
}

void sideNik(const Person& p, std::uint32_t bits, Rng& rng, std::string& out) {
  if (bits & bit(Defect::kNikMissing)) {
    out.clear();
    return;
  }
  out.assign(p.nik);
  if (bits & bit(Defect::kNikDigit)) replaceDigit(rng, out);
}

// kContactDiff: one of email missing, another email, phone missing, another phone, +62 form.
void sideContact(const Person& p, std::uint32_t bits, Rng& rng, std::string& email,
                 std::string& phone) {
  email.assign(p.email);
  phone.assign(p.phone);
  if ((bits & bit(Defect::kContactDiff)) == 0) return;
  switch (rng.below(5)) {
    case 0:
      email.clear();
      break;
    case 1: {
      std::size_t at = email.find('@');
      if (at == std::string::npos) {
        email = "pegawai" + std::to_string(rng.below(100000)) + "@gmail.com";
      } else {
        email.erase(at + 1);
        email.append(rng.pick(std::span<const std::string_view>(kOtherHosts)));
        if (email == p.email) email.insert(at, "1");
      }
      break;
    }
    case 2:
      phone.clear();
      break;
    case 3: {
      phone.resize(4);
      appendDigits(phone, rng.below(100000000), 8);
      break;
    }
    default:
      phone = "+62" + phone.substr(1);
      break;
  }
}

}  // namespace

void buildSimpegRow(const Context& ctx, const Draft& d, bool duplicate, SimpegRow& r) {
  const Person& p = d.person;
  const Plan& plan = d.plan;
  std::uint32_t bits = plan.simpeg;
  Rng rng(ctx.options.seed, p.index, duplicate ? Purpose::kSimpegDuplicate : Purpose::kSimpeg);
  std::span<const Unit> allUnits = units();

  std::uint64_t local = ctx.localIds.forward(p.index);
  r.idPegawai.clear();
  appendNumber(r.idPegawai, 100001 + local + (duplicate ? ctx.options.people : 0));

  // A duplicate row is an older entry: another spelling or no NIP, no SIASN reference.
  if (duplicate) {
    bits &= ~(bit(Defect::kNipDigit) | bit(Defect::kNipTransposed) | bit(Defect::kNipMissing));
    if (rng.chance(0.5)) bits |= bit(Defect::kNameVariant);
    if (rng.chance(0.3)) bits |= bit(Defect::kNipMissing);
  }
  if (bits & bit(Defect::kNipMissing)) {
    r.nipBaru.clear();
  } else if (bits & bit(Defect::kNipOtherPerson)) {
    r.nipBaru.assign(d.otherNip);
  } else {
    r.nipBaru.assign(p.nipBaru);
    if (bits & bit(Defect::kNipDigit)) replaceDigit(rng, r.nipBaru);
    if (bits & bit(Defect::kNipTransposed)) transposeDigits(rng, r.nipBaru);
  }
  r.nipLama.assign(p.nipLama);

  // nama with inline titles: "Dr. H. Ahmad Yani, S.Pd., M.Si."
  thread_local std::string core, front, back;
  sideName(p, bits, plan.simpegUpper, rng, core);
  front.assign(p.gelarDepan);
  back.assign(p.gelarBelakang);
  if (bits & bit(Defect::kTitleDiff)) alterTitles(rng, front, back);
  if (plan.simpegUpper && rng.chance(0.5)) {
    toUpper(front);
    toUpper(back);
  }
  r.nama.clear();
  if (!front.empty()) r.nama.append(front).push_back(' ');
  r.nama.append(core);
  if (!back.empty()) r.nama.append(", ").append(back);

  r.tempatLahir.assign(p.birthPlace);
  if (plan.simpegUpper) toUpper(r.tempatLahir);
  Date birth = bits & bit(Defect::kBirthDateWrong) ? corruptDate(rng, p.birthDate) : p.birthDate;
  r.tglLahir.clear();
  appendIso(r.tglLahir, birth);
  bool male = (p.sex == Sex::kMale) != ((bits & bit(Defect::kSexWrong)) != 0);
  r.jenisKelamin.assign(male ? "L" : "P");
  sideNik(p, bits, rng, r.nik);

  int step = golonganStep(p.golongan);
  Date tmtGol = p.tmtGolongan;
  if ((bits & bit(Defect::kGolonganDiff)) && step + 1 < kGolonganSteps) {
    ++step;  // promoted locally, not yet in SIASN
    int year = std::max(tmtGol.year + 4, p.tmtCpns.year + 1);
    tmtGol = {std::min(year, ctx.options.asOfYear - 1), tmtGol.month == 4 ? 10 : 4, 1};
  }
  r.pangkatGol.assign(golonganAtStep(step).roman);
  r.jenjab.assign(jenjabText(p.jenisJabatan));

  const Unit* unit = &allUnits[d.unit];
  if (bits & bit(Defect::kUnitDiff)) {
    // Moved to another unit of the same region (SIASN not yet updated).
    std::uint32_t base = d.unit - d.unit % unitsPerRegion();
    std::uint32_t other = base + static_cast<std::uint32_t>(rng.below(unitsPerRegion() - 1));
    if (other >= d.unit) ++other;
    unit = &allUnits[other];
  }
  r.idJ.clear();
  appendNumber(r.idJ, static_cast<std::uint64_t>(unit->localId) * 1000 + d.jabatanCatalog);
  r.namaJabatan.assign(p.jabatanNama);
  if (d.functionalFamily == kGuru && rng.chance(0.005)) r.namaJabatan.append("; Kepala Sekolah");
  r.idUnitKerja.clear();
  appendNumber(r.idUnitKerja, unit->localId);
  r.unitKerja.assign(unit->localName);
  r.statusPegawai.assign(statusText(p.status));
  r.kedudukan.assign(kedudukan(KedudukanKind::kAktif).simpegName);
  if (p.kedudukanId != "01") {
    for (int k = 1; k <= static_cast<int>(KedudukanKind::kPensiun); ++k) {
      const Kedudukan& kd = kedudukan(static_cast<KedudukanKind>(k));
      if (kd.id == p.kedudukanId) r.kedudukan.assign(kd.simpegName);
    }
  }
  r.tmtCpns.clear();
  appendIso(r.tmtCpns, p.tmtCpns);
  r.tmtPns.clear();
  if (p.tmtPns) appendIso(r.tmtPns, *p.tmtPns);
  r.tmtGol.clear();
  appendIso(r.tmtGol, tmtGol);
  sideContact(p, bits, rng, r.email, r.noHp);
  if (r.noHp.size() >= 10 && r.noHp[0] == '0' && rng.chance(0.1)) {  // local habit: dashes
    std::string dashed = r.noHp.substr(0, 4) + "-" + r.noHp.substr(4, 4) + "-" + r.noHp.substr(8);
    r.noHp = std::move(dashed);
  }
  r.noRefBkn.clear();
  if (!duplicate && p.inSiasn && rng.chance(0.6)) r.noRefBkn.assign(p.personId);
}

void buildSiasnRecord(const Context& ctx, const Draft& d, SiasnRecord& r) {
  const Person& p = d.person;
  const Plan& plan = d.plan;
  std::uint32_t bits = plan.siasn;
  Rng rng(ctx.options.seed, p.index, Purpose::kSiasn);

  r.wrapped = rng.chance(0.8);
  r.id.assign(p.personId);
  r.nipBaru.assign(p.nipBaru);
  r.nipLama.assign(p.nipLama);
  sideName(p, bits, plan.siasnUpper, rng, r.nama);
  r.gelarDepan.assign(p.gelarDepan);
  r.gelarBelakang.assign(p.gelarBelakang);
  if (bits & bit(Defect::kTitleDiff)) alterTitles(rng, r.gelarDepan, r.gelarBelakang);
  r.tempatLahir.assign(p.birthPlace);
  if (plan.siasnUpper || rng.chance(0.3)) toUpper(r.tempatLahir);
  r.tglLahir.clear();
  appendDmy(r.tglLahir, p.birthDate);
  r.jenisKelamin.assign(p.sex == Sex::kMale ? "M" : "F");
  sideNik(p, bits, rng, r.nik);
  sideContact(p, bits, rng, r.email, r.noHp);
  r.kedudukanPnsId.assign(p.kedudukanId);
  r.kedudukanPnsNama.assign(p.kedudukanNama);
  r.statusPegawai.assign(statusText(p.status));
  r.tmtCpns.clear();
  appendDmy(r.tmtCpns, p.tmtCpns);
  r.tmtPns.clear();
  if (p.tmtPns) appendDmy(r.tmtPns, *p.tmtPns);
  r.unorId.assign(p.unorId);
  r.unorNama.assign(p.unorNama);
  r.jenisJabatanId.assign(1, static_cast<char>('0' + p.jenisJabatan));
  r.jabatanNama.assign(p.jabatanNama);
  const GolonganInfo& gol = golonganAtStep(golonganStep(p.golongan));
  r.golRuangAkhirId.clear();
  appendNumber(r.golRuangAkhirId, static_cast<std::uint64_t>(gol.code));
  r.golRuangAkhir.assign(gol.roman);
  r.pangkatAkhir.assign(gol.pangkat);
  r.tmtGolAkhir.clear();
  appendDmy(r.tmtGolAkhir, p.tmtGolongan);
}

}  // namespace sinkron::population

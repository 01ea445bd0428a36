// Builds the true person of an index: identity, career, position, unit, identifiers, contact.
#include <algorithm>

#include "calendar.hpp"
#include "context.hpp"
#include "text.hpp"
#include "titles.hpp"

namespace sinkron::population {

namespace {

constexpr std::string_view kOldNipPrefixes[] = {"010", "130", "131", "150", "196", "500"};
constexpr std::string_view kPhonePrefixes[] = {
    "11", "12", "13", "21", "22", "23", "52", "53", "51", "14", "15", "16", "55", "56", "57", "58",
    "17", "18", "19", "59", "77", "78", "31", "38", "81", "82", "83", "87", "88", "95", "96", "98"};
constexpr std::string_view kMailHosts[] = {"gmail.com", "gmail.com",  "gmail.com",   "gmail.com",
                                           "gmail.com", "gmail.com",  "yahoo.co.id", "yahoo.com",
                                           "ymail.com", "outlook.com"};
constexpr std::string_view kNicknames[] = {"Ucok",  "Butet", "Iyus", "Dede", "Anis",
                                           "Bobby", "Nana",  "Ipin", "Kiki", "Neng"};
constexpr int kCpnsMonths[] = {1, 1, 1, 1, 3, 3, 12, 4, 6, 10, 2, 5, 7, 8, 9, 11};
constexpr int kPppkMonths[] = {1, 1, 1, 1, 3, 4, 7, 10};

Education pickEducation(Rng& rng, bool pppk, int age) {
  double u = rng.uniform();
  if (pppk) return u < 0.2 ? Education::kD3 : u < 0.95 ? Education::kS1 : Education::kS2;
  if (u < 0.01) return Education::kSd;
  if (u < 0.03) return Education::kSmp;
  if (u < 0.17) return Education::kSma;
  if (u < 0.31) return Education::kD3;
  if (u < 0.83) return Education::kS1;
  if (u < 0.98 || age < 35) return Education::kS2;
  return Education::kS3;
}

int entryStep(Education e, int family) {
  if (family == kDokter) return 9;
  switch (e) {
    case Education::kSd:
      return 0;
    case Education::kSmp:
      return 2;
    case Education::kSma:
      return 4;
    case Education::kD3:
      return 6;
    case Education::kS1:
      return 8;
    default:
      return 9;
  }
}

int capStep(Education e, Rng& rng) {
  switch (e) {
    case Education::kSd:
      return 5;
    case Education::kSmp:
      return 7;
    case Education::kSma:
      return 10;
    case Education::kD3:
      return 11;
    case Education::kS1:
      return rng.chance(0.1) ? 14 : 13;
    case Education::kS2:
      return rng.chance(0.2) ? 15 : 14;
    default:
      return 16;
  }
}

enum class Track { kPelaksana, kFunctional, kStructural };

// Chooses the track and, for functional positions, the family.
Track pickTrack(Rng& rng, Education e, bool pppk, int& family) {
  family = -1;
  double u = rng.uniform();
  if (e <= Education::kSma) return Track::kPelaksana;
  if (e == Education::kD3) {
    if (u >= (pppk ? 0.85 : 0.55)) return Track::kPelaksana;
    double v = rng.uniform();
    family = v < 0.38   ? kPerawat
             : v < 0.62 ? kBidan
             : v < 0.72 ? kPranataKomputer
             : v < 0.82 ? kPenyuluhPertanian
             : v < 0.9  ? kArsiparis
             : v < 0.95 ? kPustakawan
                        : kPranataHumas;
    return Track::kFunctional;
  }
  if (pppk) {
    family = u < 0.72 ? kGuru : u < 0.82 ? kPerawat : u < 0.87 ? kBidan : u < 0.9 ? kDokter : -1;
    return family < 0 ? Track::kPelaksana : Track::kFunctional;
  }
  if (u < 0.45)
    family = kGuru;
  else if (u < 0.49)
    family = kDokter;
  else if (u < 0.53)
    family = kPerawat;
  else if (u < 0.55)
    family = kBidan;
  else if (u < 0.56)
    family = kApoteker;
  else if (u < 0.70)
    family = kAnalisKepegawaian + static_cast<int>(rng.below(10));
  else if (u < 0.85)
    return Track::kStructural;
  else
    return Track::kPelaksana;
  return Track::kFunctional;
}

void appendNip(std::string& out, const Person& p, int pppkFrequency, int serial) {
  out.clear();
  appendDigits(out, p.birthDate.year, 4);
  appendDigits(out, p.birthDate.month, 2);
  appendDigits(out, p.birthDate.day, 2);
  if (p.status == EmploymentStatus::kPppk) {
    appendDigits(out, p.tmtCpns.year, 4);
    out.push_back('2');
    out.push_back(static_cast<char>('0' + pppkFrequency));
  } else {
    appendDigits(out, p.tmtCpns.year, 4);
    appendDigits(out, p.tmtCpns.month, 2);
  }
  out.push_back(p.sex == Sex::kMale ? '1' : '2');
  appendDigits(out, static_cast<std::uint64_t>(serial), 3);
}

void appendEmailLocal(std::string& out, std::string_view given, std::string_view family) {
  auto letters = [&](std::string_view s, bool firstTokenOnly) {
    for (char c : s) {
      if (c == ' ' && firstTokenOnly) break;
      char l = lowerAscii(c);
      if (l >= 'a' && l <= 'z') out.push_back(l);
    }
  };
  // Skip Balinese/Bugis prefixes so that "I Made Sudarsana" gives "sudarsana...".
  std::size_t space = given.rfind(' ');
  std::string_view core = space == std::string::npos ? given : given.substr(space + 1);
  letters(core, true);
  if (!family.empty()) {
    out.push_back('.');
    letters(family, true);
  }
}

void appendPhone(std::string& out, Rng& rng) {
  out.append("08");
  out.append(rng.pick(std::span<const std::string_view>(kPhonePrefixes)));
  appendDigits(out, rng.below(100000000), rng.chance(0.8) ? 8 : 7);
}

}  // namespace

void buildPerson(const Context& ctx, std::uint64_t index, Draft& d, const Plan* plan) {
  const GeneratorOptions& o = ctx.options;
  Person& p = d.person;
  p.index = index;
  d.plan = plan != nullptr ? *plan : makePlan(ctx, index);
  Rng rng(o.seed, index, Purpose::kBase);

  PairKind pair = pairKindOf(ctx, index);
  bool copy = pair != PairKind::kNone && index % 2 == 1;
  thread_local Draft partnerStorage;
  const Draft* partner = nullptr;
  if (copy) {
    buildPerson(ctx, index - 1, partnerStorage);
    partner = &partnerStorage;
  }

  // Birth date and serials: a unique (birth day, serial) slot per person; the second of a pair
  // shares the first's day and takes serial + 5 (last digit 6..9, never used by slots).
  if (copy) {
    d.birthDay = partner->birthDay;
    d.serialIndex = partner->serialIndex;
    d.nipSerial = partner->nipSerial + 5;
  } else {
    std::uint64_t slot = ctx.slots.forward(index);
    d.birthDay = slot / ctx.serialsPerDay;
    d.serialIndex = slot % ctx.serialsPerDay;
    d.nipSerial = static_cast<int>((d.serialIndex / 4) * 10 + d.serialIndex % 4 + 1);
  }
  p.birthDate = civilFromDays(ctx.firstBirthDay + static_cast<long>(d.birthDay));
  int age = ageOn(p.birthDate, ctx.asOf);

  // Identity.
  p.sex = rng.chance(0.5) ? Sex::kMale : Sex::kFemale;
  d.group = pickNameGroup(rng);
  if (copy && (pair == PairKind::kNamesake || pair == PairKind::kNipNeighbor)) {
    p.sex = partner->person.sex;  // namesakes share a name; NIP neighbours share the sex digit
  }
  if (copy && pair == PairKind::kTwin) {
    d.group = partner->group;
    d.family = partner->family;
    for (int attempt = 0; attempt < 8; ++attempt) {
      makeGivenName(d.group, p.sex, rng, d.given);
      if (d.given != partner->given) break;
    }
    if (d.given == partner->given) d.given.append(p.sex == Sex::kMale ? " Putra" : " Putri");
  } else if (copy && pair == PairKind::kNamesake) {
    d.group = partner->group;
    d.given = partner->given;
    d.family = partner->family;
  } else {
    bool needFamily = pair == PairKind::kTwin && !copy;
    makeName(d.group, p.sex, needFamily, rng, d.given, d.family);
  }
  p.name.clear();
  p.name.append(d.given);
  if (d.plan.nickname) {
    p.name.append(" \"").append(rng.pick(std::span<const std::string_view>(kNicknames)));
    p.name.push_back('"');
  }
  if (!d.family.empty()) p.name.append(" ").append(d.family);
  if (copy && pair == PairKind::kNamesake) p.name = partner->person.name;
  d.birthPlace =
      copy && pair == PairKind::kTwin ? partner->birthPlace : &pickBirthPlace(d.group, rng);
  p.birthPlace.assign(d.birthPlace->name);

  // Employment status and appointment dates.
  int by = p.birthDate.year;
  int lastYear = o.asOfYear - 1;
  if (copy && pair == PairKind::kNipNeighbor) {
    p.status = partner->person.status;
    p.tmtCpns = partner->person.tmtCpns;
    d.pppkFrequency = partner->pppkFrequency;
  } else {
    int pppkFirst = std::max(2019, by + 20);
    bool pppk = rng.chance(0.15) && pppkFirst <= lastYear;
    if (pppk) {
      p.status = EmploymentStatus::kPppk;
      p.tmtCpns = {rng.range(pppkFirst, lastYear), rng.pick(std::span<const int>(kPppkMonths)), 1};
      double f = rng.uniform();
      d.pppkFrequency = f < 0.85 ? 1 : f < 0.97 ? 2 : 3;
    } else {
      int lo = std::max(1985, by + 20), hi = std::min(lastYear, by + 35);
      if (lo > hi) lo = hi;
      p.status = EmploymentStatus::kPns;
      p.tmtCpns = {rng.range(lo, hi), rng.pick(std::span<const int>(kCpnsMonths)), 1};
      d.pppkFrequency = 1;
    }
  }
  p.tmtPns.reset();
  if (p.status != EmploymentStatus::kPppk) {
    Date pns{p.tmtCpns.year + 1, p.tmtCpns.month, 1};
    if (rng.chance(0.3)) {
      int m = pns.month + rng.range(1, 6);
      pns = {pns.year + (m - 1) / 12, (m - 1) % 12 + 1, 1};
    }
    if (daysFromCivil(pns) <= daysFromCivil(ctx.asOf)) {
      p.status = EmploymentStatus::kPns;
      p.tmtPns = pns;
    } else {
      p.status = EmploymentStatus::kCpns;
    }
  }
  bool pppk = p.status == EmploymentStatus::kPppk;

  // Education, position track and golongan.
  d.education = pickEducation(rng, pppk, age);
  Track track = pickTrack(rng, d.education, pppk, d.functionalFamily);
  if (d.functionalFamily == kBidan && p.sex == Sex::kMale) d.functionalFamily = kPerawat;
  if (d.functionalFamily == kDokter && d.education < Education::kS1) d.education = Education::kS1;
  int entry = entryStep(d.education, d.functionalFamily);
  int steps = 0, delay = rng.chance(0.35) ? 1 : 0;
  if (p.status == EmploymentStatus::kPns) {
    int years = o.asOfYear - p.tmtCpns.year;
    steps = std::clamp(years / 4 - delay, 0, std::max(0, capStep(d.education, rng) - entry));
  }
  d.golonganStep = std::min(entry + steps, kGolonganSteps - 1);
  const GolonganInfo& gol = golonganAtStep(d.golonganStep);
  p.golongan = gol.code;
  if (steps == 0) {
    p.tmtGolongan = p.tmtCpns;
  } else {
    int year = std::min(p.tmtCpns.year + 4 * steps + delay, lastYear);
    p.tmtGolongan = {year, rng.chance(0.5) ? 4 : 10, 1};
  }

  // Position.
  std::span<const FunctionalFamily> families = functionalFamilies();
  p.jabatanNama.clear();
  int level = -1;
  std::string_view jenjang;
  if (track == Track::kFunctional) {
    const FunctionalFamily& f = families[d.functionalFamily];
    bool ahli = d.education >= Education::kS1 || !f.terampil;
    jenjang = jenjangName(ahli, d.golonganStep, &level);
    if (jenjang.empty()) track = Track::kPelaksana;
    if (!ahli) level += 10;
  }
  if (track == Track::kStructural && d.golonganStep < 9) track = Track::kPelaksana;
  if (track != Track::kFunctional) d.functionalFamily = -1;

  // Work region and unit.
  std::span<const Place> rs = regions();
  int home = regionIndexOf(*d.birthPlace);
  int region = home >= 0 && rng.chance(0.7) ? home : static_cast<int>(rng.zipf(rs.size()));
  std::span<const Unit> allUnits = units();
  switch (track) {
    case Track::kFunctional: {
      UnitClass cls = families[d.functionalFamily].where;
      double v = rng.uniform();
      if (d.functionalFamily == kGuru) {
        cls = v < 0.65 ? UnitClass::kPrimarySchool : UnitClass::kJuniorSchool;
      } else if (cls == UnitClass::kPuskesmas || cls == UnitClass::kHospital) {
        cls = v < 0.6   ? UnitClass::kPuskesmas
              : v < 0.9 ? UnitClass::kHospital
                        : UnitClass::kHealthOffice;
      }
      d.unit = pickUnit(region, cls, rng);
      if (cls == UnitClass::kOffice) {
        // Some families belong to one agency (BKPSDM, Distanpan, Inspektorat, Bappeda).
        int agency = d.functionalFamily == kAnalisKepegawaian   ? 2
                     : d.functionalFamily == kPenyuluhPertanian ? 7
                     : d.functionalFamily == kAuditor           ? 12
                     : d.functionalFamily == kPerencana         ? 5
                                                                : -1;
        if (agency >= 0) d.unit = static_cast<std::uint32_t>(region * unitsPerRegion() + agency);
      }
      p.jenisJabatan = 2;
      p.jabatanNama.append(families[d.functionalFamily].name).push_back(' ');
      p.jabatanNama.append(jenjang);
      d.jabatanCatalog = static_cast<std::uint16_t>(d.functionalFamily * 20 + level);
      break;
    }
    case Track::kStructural: {
      d.unit = pickUnit(region, UnitClass::kOffice, rng);
      const Unit& u = allUnits[d.unit];
      std::span<const std::string_view> bidang = bidangNames(u.agency);
      std::size_t b = rng.below(bidang.size());
      p.jenisJabatan = 1;
      if (d.golonganStep >= 13 && rng.chance(0.15)) {
        p.jabatanNama.append("Kepala ").append(u.agencyTitle.empty() ? "Dinas" : u.agencyTitle);
        d.jabatanCatalog = 300;
      } else if (d.golonganStep >= 11 && rng.chance(0.35)) {
        if (rng.chance(0.15)) {
          p.jabatanNama.append("Sekretaris");
          d.jabatanCatalog = 301;
        } else {
          p.jabatanNama.append("Kepala Bidang ").append(bidang[b]);
          d.jabatanCatalog = static_cast<std::uint16_t>(310 + b);
        }
      } else {
        bool subbag = bidang[b].find("Umum") != std::string_view::npos ||
                      bidang[b].find("Keuangan") != std::string_view::npos;
        p.jabatanNama.append(subbag ? "Kepala Sub Bagian " : "Kepala Seksi ").append(bidang[b]);
        d.jabatanCatalog = static_cast<std::uint16_t>(330 + b);
      }
      break;
    }
    case Track::kPelaksana: {
      double v = rng.uniform();
      UnitClass cls = v < 0.7    ? UnitClass::kOffice
                      : v < 0.85 ? UnitClass::kPrimarySchool
                      : v < 0.95 ? UnitClass::kPuskesmas
                                 : UnitClass::kHospital;
      d.unit = pickUnit(region, cls, rng);
      std::span<const std::string_view> names = pelaksanaNames();
      std::size_t k = rng.zipf(names.size());
      if (d.education <= Education::kSmp) k = rng.chance(0.5) ? 5 : 6;  // Pengemudi, Pramu Bakti
      p.jenisJabatan = 4;
      p.jabatanNama.append(names[k]);
      d.jabatanCatalog = static_cast<std::uint16_t>(400 + k);
      break;
    }
  }
  const Unit& unit = allUnits[d.unit];
  p.unitLocalId = unit.localId;
  p.jabatanLocalId = unit.localId * 1000 + d.jabatanCatalog;
  p.unorId = unit.unorId;
  p.unorNama = unit.nationalName;

  // Titles.
  TitleInput ti{d.education, d.functionalFamily, isMuslimGroup(d.group), p.sex, by, age};
  makeTitles(ti, rng, p.gelarDepan, p.gelarBelakang);

  // Kedudukan: retirement age 58, 60 for teachers and Ahli Madya, 65 for Ahli Utama.
  int bup = 58;
  if (d.functionalFamily == kGuru || level == 2) bup = 60;
  if (level == 3) bup = 65;
  KedudukanKind kk = KedudukanKind::kAktif;
  double kv = rng.uniform();
  p.defects = d.plan.simpeg | d.plan.siasn | d.plan.other;
  if (age >= bup) {
    if (d.plan.activePastBup) {
      p.defects |= bit(Defect::kActivePastBup);
    } else {
      kk = kv < 0.7 ? KedudukanKind::kPensiun : KedudukanKind::kBup;
    }
  } else if (kv < 0.003) {
    kk = KedudukanKind::kCltn;
  } else if (kv < 0.011) {
    kk = KedudukanKind::kTugasBelajar;
  } else if (kv < 0.012) {
    kk = KedudukanKind::kPemberhentianSementara;
  } else if (age == bup - 1 && kv < 0.1) {
    kk = KedudukanKind::kMpp;
  }
  const Kedudukan& ked = kedudukan(kk);
  p.kedudukanId = ked.id;
  p.kedudukanNama = ked.siasnName;

  // Identifiers.
  p.inSimpeg = d.plan.inSimpeg;
  p.inSiasn = d.plan.inSiasn;
  p.personId.clear();
  appendHex128(p.personId, hash3(o.seed, index, std::uint64_t(Purpose::kPersonId)),
               hash3(o.seed, index, std::uint64_t(Purpose::kPersonId) + 100));
  appendNip(p.nipBaru, p, d.pppkFrequency, d.nipSerial);
  d.otherNip.clear();
  if (d.plan.simpeg & bit(Defect::kNipOtherPerson)) {
    // The pair's second person has the same NIP prefix and serial + 5.
    appendNip(d.otherNip, p, d.pppkFrequency, d.nipSerial + 5);
  }
  p.nipLama.clear();
  if (!pppk && p.tmtCpns.year < 2008) {
    std::uint64_t n = ctx.oldNips.forward(index);
    p.nipLama.append(kOldNipPrefixes[(n / 1000000) % std::size(kOldNipPrefixes)]);
    appendDigits(p.nipLama, n % 1000000, 6);
  }
  if (copy && pair == PairKind::kTwin) {
    d.nikProvince = partner->nikProvince;
    d.nikRegency = partner->nikRegency;
    d.nikDistrict = partner->nikDistrict;
  } else {
    const Place& nikPlace = rng.chance(0.8) ? *d.birthPlace : rs[rng.zipf(rs.size())];
    d.nikProvince = nikPlace.province;
    d.nikRegency = nikPlace.regency;
    d.nikDistrict = rng.range(1, 20);
  }
  int nikSerial =
      copy ? 5001 + static_cast<int>(d.serialIndex) : 1 + static_cast<int>(d.serialIndex);
  bool nikInvalid = (d.plan.other & bit(Defect::kNikInvalid)) != 0;
  bool invalidProvince = nikInvalid && rng.chance(0.5);
  p.nik.clear();
  appendDigits(p.nik, invalidProvince ? 0 : d.nikProvince, 2);
  appendDigits(p.nik, d.nikRegency, 2);
  appendDigits(p.nik, d.nikDistrict, 2);
  appendDigits(p.nik, p.birthDate.day + (p.sex == Sex::kFemale ? 40 : 0), 2);
  appendDigits(p.nik, p.birthDate.month + (nikInvalid && !invalidProvince ? 20 : 0), 2);
  appendDigits(p.nik, p.birthDate.year % 100, 2);
  appendDigits(p.nik, nikSerial, 4);

  // Contact.
  p.email.clear();
  if ((d.plan.other & bit(Defect::kEmailEmpty)) == 0) {
    appendEmailLocal(p.email, d.given, rng.chance(0.6) ? std::string_view(d.family) : "");
    double e = rng.uniform();
    if (e < 0.5)
      appendDigits(p.email, by % 100, 2);
    else if (e < 0.7)
      appendNumber(p.email, rng.below(1000));
    p.email.push_back('@');
    p.email.append(rng.chance(0.1) ? unit.emailDomain
                                   : rng.pick(std::span<const std::string_view>(kMailHosts)));
  }
  p.phone.clear();
  appendPhone(p.phone, rng);
}

}  // namespace sinkron::population

#include "titles.hpp"

#include <span>
#include <string_view>

namespace sinkron::population {

namespace {

using Titles = std::span<const std::string_view>;

constexpr std::string_view kGeneralBachelor[] = {"S.E.",   "S.H.",  "S.Sos.", "S.IP.",
                                                 "S.Kom.", "S.T.",  "S.P.",   "S.AP.",
                                                 "S.Ak.",  "S.Si.", "S.Pd.",  "S.Psi."};
constexpr std::string_view kTeacherBachelor[] = {"S.Pd.", "S.Pd.",   "S.Pd.", "S.Pd.", "S.Pd.",
                                                 "S.Pd.", "S.Pd.I.", "S.Si.", "S.Ag.", "S.Pd.SD"};
constexpr std::string_view kGeneralMaster[] = {"M.Si.",  "M.M.",      "M.AP.", "M.H.",  "M.T.",
                                               "M.Kom.", "M.Ec.Dev.", "M.Pd.", "M.Kes."};
constexpr std::string_view kSpecialist[] = {"Sp.PD", "Sp.A", "Sp.OG", "Sp.B", "M.Kes."};

void join(std::string& out, std::string_view part, std::string_view sep) {
  if (part.empty()) return;
  if (!out.empty()) out.append(sep);
  out.append(part);
}

std::string_view bachelorFor(int family, bool muslim, Rng& rng) {
  switch (family) {
    case kGuru: {
      std::string_view t = rng.pick(Titles(kTeacherBachelor));
      if (!muslim && (t == "S.Pd.I." || t == "S.Ag.")) return rng.chance(0.3) ? "S.Th." : "S.Pd.";
      return t;
    }
    case kPranataKomputer:
      return rng.chance(0.7) ? "S.Kom." : "S.T.";
    case kPenyuluhPertanian:
      return rng.chance(0.7) ? "S.P." : "S.ST.";
    case kAuditor:
      return rng.chance(0.6) ? "S.E." : "S.Ak.";
    case kPerencana:
      return rng.chance(0.5) ? "S.T." : "S.E.";
    case kAnalisKepegawaian:
      return rng.chance(0.5) ? "S.Sos." : (rng.chance(0.5) ? "S.IP." : "S.H.");
    case kPustakawan:
      return "S.IP.";
    case kBidan:
      return rng.chance(0.6) ? "S.Tr.Keb." : "S.Keb.";
    default:
      return rng.pickZipf(Titles(kGeneralBachelor));
  }
}

}  // namespace

void makeTitles(const TitleInput& in, Rng& rng, std::string& front, std::string& back) {
  front.clear();
  back.clear();
  std::string academicFront;
  bool female = in.sex == Sex::kFemale;
  switch (in.education) {
    case Education::kSd:
    case Education::kSmp:
    case Education::kSma:
      break;
    case Education::kD3:
      if (in.birthYear < 1975 && rng.chance(0.3)) break;
      back = in.functionalFamily == kPerawat                              ? "A.Md.Kep."
             : in.functionalFamily == kBidan                              ? "A.Md.Keb."
             : in.functionalFamily == kPranataKomputer && rng.chance(0.5) ? "A.Md.Kom."
                                                                          : "A.Md.";
      break;
    case Education::kS1:
    case Education::kS2:
    case Education::kS3: {
      if (in.functionalFamily == kDokter) {
        academicFront = "dr.";
        if (in.education != Education::kS1) join(back, rng.pick(Titles(kSpecialist)), ", ");
        break;
      }
      if (in.functionalFamily == kPerawat) {
        academicFront = "Ns.";
        back = "S.Kep.";
      } else if (in.functionalFamily == kApoteker) {
        back = "S.Farm., Apt.";
      } else {
        std::string_view bachelor = bachelorFor(in.functionalFamily, in.muslim, rng);
        if (bachelor == "S.T." && in.birthYear < 1972 && rng.chance(0.6)) {
          academicFront = "Ir.";
        } else if (in.birthYear < 1970 && rng.chance(0.55)) {
          academicFront = female ? "Dra." : "Drs.";
        } else {
          back.append(bachelor);
        }
      }
      if (in.education != Education::kS1) {
        std::string_view master = in.functionalFamily == kGuru && rng.chance(0.7) ? "M.Pd."
                                  : in.functionalFamily == kPerawat || in.functionalFamily == kBidan
                                      ? "M.Kes."
                                      : rng.pickZipf(Titles(kGeneralMaster));
        join(back, master, ", ");
      }
      if (in.education == Education::kS3) {
        std::string f = "Dr.";
        join(f, academicFront, " ");
        academicFront = std::move(f);
      }
      break;
    }
  }
  // Hajj title after the academic ones ("Dr. H."), before a professional "Ns."
  bool hajj = in.muslim && in.age >= 35 && rng.chance(0.06 + 0.004 * (in.age - 35));
  if (academicFront == "Ns.") {
    if (hajj) join(front, female ? "Hj." : "H.", " ");
    join(front, academicFront, " ");
  } else {
    join(front, academicFront, " ");
    if (hajj) join(front, female ? "Hj." : "H.", " ");
  }
}

void alterTitles(Rng& rng, std::string& front, std::string& back) {
  if (front.empty() && back.empty()) {
    constexpr std::string_view kNew[] = {"S.E.", "S.Pd.", "A.Md.", "S.Sos.", "S.H."};
    back = rng.pick(Titles(kNew));
    return;
  }
  int op = static_cast<int>(rng.below(4));
  if (op == 0 && !back.empty()) {  // the newest degree is missing
    std::size_t comma = back.rfind(", ");
    back.erase(comma == std::string::npos ? 0 : comma);
  } else if (op == 1 && !front.empty()) {  // a front title is missing
    std::size_t space = front.rfind(' ');
    front.erase(space == std::string::npos ? 0 : space);
  } else if (op == 2 && !back.empty()) {  // written without the dots
    std::string compact;
    bool dropAll = rng.chance(0.5);
    for (std::size_t i = 0; i < back.size(); ++i) {
      char c = back[i];
      bool endOfTitle = i + 1 == back.size() || back[i + 1] == ',';
      if (c == '.' && (dropAll || endOfTitle)) continue;
      compact.push_back(c);
    }
    back = std::move(compact);
  } else {  // a newer degree recorded on one side only
    if (back.find("M.") == std::string::npos) {
      join(back, rng.chance(0.5) ? "M.M." : "M.Si.", ", ");
    } else if (front.rfind("Dr.", 0) != 0) {
      front = front.empty() ? std::string("Dr.") : "Dr. " + front;
    } else {
      back.clear();
    }
  }
}

}  // namespace sinkron::population

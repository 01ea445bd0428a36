#pragma once
// Academic and religious titles (gelar) realistic for a person's education, position and age,
// and the ways two systems come to write them differently.
#include <string>

#include "org.hpp"
#include "random.hpp"
#include "sinkron/population/person.hpp"

namespace sinkron::population {

struct TitleInput {
  Education education = Education::kS1;
  int functionalFamily = -1;
  bool muslim = true;
  Sex sex = Sex::kMale;
  int birthYear = 1980;
  int age = 40;
};

// gelarDepan ("Dr. H.") and gelarBelakang ("S.Pd., M.Si."); either may be empty.
void makeTitles(const TitleInput& in, Rng& rng, std::string& front, std::string& back);
// One realistic difference: a title dropped, added or written without dots.
void alterTitles(Rng& rng, std::string& front, std::string& back);

}  // namespace sinkron::population

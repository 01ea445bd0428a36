#pragma once
// The edits that turn a true value into what a clerk typed: name typos and spelling variants,
// digit slips in identifiers, wrong birth dates.
#include <string>

#include "random.hpp"
#include "sinkron/population/person.hpp"

namespace sinkron::population {

// One character substituted, deleted, transposed with its neighbour or doubled.
void applyTypo(Rng& rng, std::string& name);
// One applicable variant (Muhammad->M., Siti->St., u->oe, j->dj, c->tj, ...); false when none
// applies to this name.
bool applyVariant(Rng& rng, std::string& name);
// One digit replaced by another digit.
void replaceDigit(Rng& rng, std::string& digits);
// Two adjacent different digits swapped (falls back to replaceDigit when all digits are equal).
void transposeDigits(Rng& rng, std::string& digits);
// Day and month swapped where possible, else one digit of the day or year off.
Date corruptDate(Rng& rng, const Date& d);

}  // namespace sinkron::population

#include "sinkron/security/masking.hpp"

namespace sinkron::security {

std::string maskId(std::string_view id) {
  std::string out(id);
  std::size_t keepHead = 0, keepTail = 2;
  if (id.size() == 18)
    keepHead = 8, keepTail = 4;  // NIP: birth date stays, serial part
  else if (id.size() == 16)
    keepHead = 6, keepTail = 4;  // NIK: region code stays
  if (keepHead + keepTail >= id.size()) keepHead = 0, keepTail = id.size() > 2 ? 2 : 0;
  for (std::size_t i = keepHead; i + keepTail < id.size(); ++i) out[i] = '*';
  return out;
}

std::string maskIdsInText(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    if (text[i] < '0' || text[i] > '9') {
      out.push_back(text[i++]);
      continue;
    }
    std::size_t j = i;
    while (j < text.size() && text[j] >= '0' && text[j] <= '9') ++j;
    std::string_view run = text.substr(i, j - i);
    out += (run.size() == 16 || run.size() == 18) ? maskId(run) : std::string(run);
    i = j;
  }
  return out;
}

}  // namespace sinkron::security

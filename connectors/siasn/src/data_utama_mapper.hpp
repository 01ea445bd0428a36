#pragma once
// DataUtamaMapper: turns one answer of GET /pns/data-utama/{nip} into a canonical
// EmployeeRecord through the mapping file, tolerating field-name drift through aliases. Pure:
// no I/O after load(). Messages name the URL and field; NIP/NIK are masked.
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "sinkron/mappings/mapping.hpp"
#include "sinkron/result.hpp"

namespace sinkron::connectors::siasn {

struct MappedAnswer {
  mappings::EmployeeRecord record;
  std::string json;                 // the person object as compact JSON
  std::vector<std::string> issues;  // field problems (masked); the record still counts
};

class DataUtamaMapper {
 public:
  using Aliases = std::map<std::string, std::vector<std::string>>;
  static Result<DataUtamaMapper> load(const std::filesystem::path& file, Aliases aliases);
  static DataUtamaMapper fromMapping(mappings::Mapping mapping, Aliases aliases);

  // `where` names the request in messages ("GET https://.../data-utama/1990******1002").
  // Malformed JSON, a missing "data" object or an answer without the key field are errors.
  Result<MappedAnswer> map(std::string_view body, std::string_view where) const;

  const mappings::Mapping& mapping() const { return mapping_; }

 private:
  DataUtamaMapper(mappings::Mapping mapping, Aliases aliases)
      : mapping_(std::move(mapping)), aliases_(std::move(aliases)) {}
  mappings::Mapping mapping_;
  Aliases aliases_;
};

}  // namespace sinkron::connectors::siasn

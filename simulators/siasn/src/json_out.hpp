#pragma once
// Helpers around RapidJSON's Writer for the simulator's answers: empty text is written as null,
// as SIASN does for absent values.
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cstdint>
#include <string>
#include <string_view>

namespace sinkron::sim::siasn {

using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

inline rapidjson::SizeType jsonSize(std::string_view s) {
  return static_cast<rapidjson::SizeType>(s.size());
}

inline void putKey(JsonWriter& w, std::string_view name) {
  w.Key(name.data(), jsonSize(name));
}

// "name": "value", or "name": null when value is empty.
inline void putText(JsonWriter& w, std::string_view name, std::string_view value) {
  putKey(w, name);
  if (value.empty()) {
    w.Null();
  } else {
    w.String(value.data(), jsonSize(value));
  }
}

inline void putInt(JsonWriter& w, std::string_view name, std::int64_t value) {
  putKey(w, name);
  w.Int64(value);
}

inline void putNull(JsonWriter& w, std::string_view name) {
  putKey(w, name);
  w.Null();
}

inline std::string takeString(const rapidjson::StringBuffer& buffer) {
  return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace sinkron::sim::siasn

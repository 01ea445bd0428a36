#pragma once
// JsonOut: a RapidJSON writer for e-Kinerja answers that renames fields while a field-drift
// fault is active (hasil_kerja_rating -> rating_hasil_kerja, perilaku_rating -> rating_perilaku,
// periode_awal/akhir -> tgl_awal/akhir, predikat -> predikat_kinerja, unor_id -> id_unor).
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <string>
#include <string_view>

namespace sinkron::sim::ekinerja {

class JsonOut {
 public:
  explicit JsonOut(bool fieldDrift) : writer_(buffer_), drift_(fieldDrift) {}
  void key(std::string_view name);
  void string(std::string_view value) {
    writer_.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
  }
  void stringOrNull(std::string_view value) { value.empty() ? null() : string(value); }
  void integer(long long value) { writer_.Int64(value); }
  void integerOrNull(long long value) { value ? integer(value) : null(); }
  void null() { writer_.Null(); }
  void boolean(bool value) { writer_.Bool(value); }
  void startObject() { writer_.StartObject(); }
  void endObject() { writer_.EndObject(); }
  void startArray() { writer_.StartArray(); }
  void endArray() { writer_.EndArray(); }
  std::string text() const { return std::string(buffer_.GetString(), buffer_.GetSize()); }

 private:
  rapidjson::StringBuffer buffer_;
  rapidjson::Writer<rapidjson::StringBuffer> writer_;
  bool drift_;
};

}  // namespace sinkron::sim::ekinerja

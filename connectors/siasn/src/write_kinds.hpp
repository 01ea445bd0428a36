#pragma once
// The writes SIASN accepts and how a retried one is recognised (read-before-write): for each
// kind, the history it lands in, the body field naming the person, and the natural key as pairs
// of (save body field, history row field) — the names differ between the two (nomorSertipikat vs
// noSertipikat). Pure functions over parsed JSON.
#include <rapidjson/document.h>

#include <string>
#include <string_view>
#include <vector>

#include "sinkron/result.hpp"

namespace sinkron::connectors::siasn {

enum class KeyValueKind { kText, kDate, kNumber };

struct NaturalKeyField {
  std::string_view saveField;  // in the save body
  std::string_view rowField;   // in the rw-<kind> row
  KeyValueKind kind = KeyValueKind::kText;
  bool optional = false;  // compared only when the body has a value
};

struct WriteKind {
  std::string_view kind;           // "kursus" (Change::kind and the {kind} of the save path)
  std::string_view history;        // "kursus" (the {kind} of rw-{kind})
  std::string_view personField;    // body field with the SIASN person id
  std::string_view rowOwnerField;  // row field with the SIASN person id
  std::vector<NaturalKeyField> key;
};

// nullptr for a kind that is not a history save.
const WriteKind* findWriteKind(std::string_view kind);
// The history-save kinds, for messages.
std::string writeKindNames();

// True when two values of a natural-key field are the same (text: trimmed, spaces collapsed,
// case-insensitive; dates: any of dd-mm-yyyy / yyyy-mm-dd / dd/mm/yyyy; numbers: as integers).
bool sameKeyValue(KeyValueKind kind, std::string_view a, std::string_view b);

// The natural key of `body` as text ("namaKursus=...; tanggalKursus=..."), or an error naming a
// required field that is missing.
Result<std::string> naturalKeyOf(const WriteKind& kind, const rapidjson::Value& body);

// Whether `rows` (the rw-<history> array) already holds a row with the natural key of `body`.
// An error when a row belongs to another person than the body names (wrong targetKey).
Result<bool> historyHolds(const WriteKind& kind, const rapidjson::Value& body,
                          const rapidjson::Value& rows);

// data-utama-update: pairs of (update body field, data-utama field, aliases).
struct UpdateField {
  std::string_view updateField;
  std::string_view dataField;
  std::string_view alias;  // drifted name of dataField, may be empty
};
const std::vector<UpdateField>& dataUtamaUpdateFields();
// True when every field of the update body already has its value in the data-utama object
// (a body field we cannot compare counts as different).
bool dataUtamaHolds(const rapidjson::Value& update, const rapidjson::Value& dataUtama);

}  // namespace sinkron::connectors::siasn

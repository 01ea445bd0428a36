#pragma once
// What every */save does once a body passed validation and the business rules: assign the row id,
// append the row to the person's history, record the write in the World's WriteLog (no dedupe:
// a duplicate write is a second row) and answer {"success":true,"mapData":{"rw<Kind>Id":id}}.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "history_kind.hpp"
#include "history_rows.hpp"
#include "siasn_state.hpp"
#include "sinkron/sim/http_message.hpp"

namespace sinkron::sim::siasn {

// "/apisiasn/1.0/kursus/save".
std::string saveRoute(HistoryKind kind);

using RowRenderer = std::function<std::string(std::string_view id, const RowOwner& owner)>;
HttpResponse acceptWrite(SiasnState& state, const HttpRequest& req, HistoryKind kind,
                         std::uint64_t person, std::string key, const RowRenderer& render);

// The business-rule answer for a person id that is not a SIASN person.
HttpResponse unknownPerson(std::string_view field, std::string_view personId);

// Handlers of the five saves (body validated inside; tokens checked by the caller).
HttpResponse saveKursus(SiasnState& state, const HttpRequest& req);
HttpResponse saveDiklat(SiasnState& state, const HttpRequest& req);
HttpResponse saveJabatan(SiasnState& state, const HttpRequest& req);
HttpResponse saveSkp22(SiasnState& state, const HttpRequest& req);
HttpResponse saveKinerjaPeriodik(SiasnState& state, const HttpRequest& req);

}  // namespace sinkron::sim::siasn

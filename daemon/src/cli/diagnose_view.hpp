#pragma once
// The helpdesk's view of a diagnose answer from the admin API (GET /api/v1/diagnose, JSON with
// both languages): the person in each system, then the checks with their fixes, as tables in
// the CLI's language. The API has masked every NIP and NIK already.
#include <rapidjson/document.h>

namespace sinkron::daemon::cli {

void printDiagnosis(const rapidjson::Value& report);
// Exit-code rule of `sinkron diagnose`: the person was not found, or a check failed.
bool diagnosisFailed(const rapidjson::Value& report);

}  // namespace sinkron::daemon::cli

#pragma once
// A diagnose report for machines (JSON, both languages) and for the helpdesk (a text table in
// one language). Every NIP and NIK in the output is masked.
#include <string>

#include "sinkron/diagnose/diagnose_report.hpp"

namespace sinkron::diagnose {

std::string toJson(const DiagnoseReport& report);
std::string toText(const DiagnoseReport& report, Lang lang);

}  // namespace sinkron::diagnose

#pragma once
// The ATTLOG line of ZKTeco devices (ADMS pushes and attlog.dat exports):
//   PIN \t YYYY-MM-DD HH:MM:SS \t status \t verify \t workcode \t reserved ...
// and the rule that recognises firmware which writes verify in the status column and status in
// the verify column.
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "sinkron/result.hpp"

namespace sinkron::connectors::attendance {

struct AttlogLine {
  std::string pin;
  std::string time;
  int first = 0;   // the status column as sent
  int second = 0;  // the verify column as sent
  std::string workcode = "0";
};

// Parses one line (leading/trailing blanks and a CR tolerated; status, verify and workcode may be
// missing: 0, 1 and "0"). Errors say which column is wrong, never quoting the whole line.
Result<AttlogLine> parseAttlogLine(std::string_view line);

enum class SwapMode { kNo, kYes, kAuto };
std::string_view swapModeName(SwapMode mode);                     // "false", "true", "auto"
std::optional<SwapMode> swapModeFromName(std::string_view name);  // also yes/no

// The auto-detection rule over the lines of one batch of one device. Status codes are 0..5;
// verify codes are 0 (password), 1 (finger), 3 (card), 15 (face), ... and 0 is rare in practice.
//  1. A status column value outside 0..5 (typically 15 = face) -> swapped.
//  2. Else a verify column value outside 0..5 -> not swapped.
//  3. Else (both columns within 0..5 on every line): check-in (status 0) is the most common
//     punch while verify 0 (password) is rare, so 0s only in the verify column -> swapped,
//     0s in the status column -> not swapped.
//  4. Else undecided (nullopt): then the two readings differ only for lines such as 3/1 vs 1/3,
//     and the caller keeps the device's earlier decision, or reads the lines as sent.
// The receiver remembers the first decision per device (in the PunchStore).
std::optional<bool> detectSwapped(std::span<const AttlogLine> lines);

}  // namespace sinkron::connectors::attendance

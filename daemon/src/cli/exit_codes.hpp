#pragma once
// The exit codes of the commands that talk to a running daemon. They extend the table in
// sinkron/daemon/cli.hpp (0 ok, 1 usage/config error, 2 partial or input errors); `sinkron
// --help` prints the whole table (exit_codes.table in the message catalog).
#include "sinkron/daemon/cli.hpp"

namespace sinkron::daemon {

enum RemoteExitCode : int {
  kExitRefused = 3,      // no token, a wrong token (401) or a role that may not (403)
  kExitNotFound = 4,     // the API answered 404: no such run, conflict, person or job
  kExitUnreachable = 5,  // the daemon did not answer: connection refused, timeout, TLS
  kExitRunFailed = 6,    // a run followed with --follow ended failed
};

}  // namespace sinkron::daemon

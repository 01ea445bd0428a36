#pragma once
// The `sinkron` command line: subcommands and their options, help text, exit codes.
namespace sinkron::daemon {

// Exit codes a script can use.
enum ExitCode : int {
  kExitOk = 0,
  kExitFailure = 1,      // could not run: bad option, missing file, invalid mapping, I/O error
  kExitInputErrors = 2,  // ran to the end, but some input rows were bad and skipped
};

int runCli(int argc, char** argv);

}  // namespace sinkron::daemon

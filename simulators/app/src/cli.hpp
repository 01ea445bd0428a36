#pragma once
// The sinkron-sim command line: serving every simulated system (the default) and the tools
// (certs, simpeg-db, adms). Exit codes: 0 done, 1 could not run, 2 done with failures (adms).

namespace sinkron::simapp {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitPartial = 2;

int runCli(int argc, char** argv);

}  // namespace sinkron::simapp

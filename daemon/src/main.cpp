#include "sinkron/daemon/cli.hpp"

int main(int argc, char** argv) {
  return sinkron::daemon::runCli(argc, argv);
}

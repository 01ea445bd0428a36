#include "cli.hpp"

int main(int argc, char** argv) {
  return sinkron::simapp::runCli(argc, argv);
}

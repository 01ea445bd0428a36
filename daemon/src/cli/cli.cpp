#include "sinkron/daemon/cli.hpp"

#include <CLI/CLI.hpp>

#include "demo_command.hpp"
#include "diagnose_command.hpp"
#include "messages.hpp"
#include "outbox_commands.hpp"
#include "reconcile_commands.hpp"
#include "remote_commands.hpp"
#include "report_command.hpp"
#include "sync_commands.hpp"
#include "token_commands.hpp"

namespace sinkron::daemon {

int runCli(int argc, char** argv) {
  CLI::App app{
      "sinkron — integration gateway and data synchronization for Indonesian civil-service (ASN) "
      "HR data: SIMPEG, SIASN / e-Kinerja BKN, training and attendance systems."};
  app.require_subcommand(1);
  app.set_version_flag("--version", "sinkron 0.1.0");
  cli::setLang(cli::langFromArgs(argc, argv));
  app.footer(std::string(cli::text("help.exit_codes")));
  // --lang works before or after the subcommand: subcommands pass options they lack up here.
  app.fallthrough();
  auto lang = std::make_shared<std::string>();
  app.add_option("--lang", *lang, "Language of messages: id (Bahasa Indonesia) or en")
      ->check(CLI::IsMember({"id", "en"}));
  int exitCode = kExitOk;
  addReconcileCommands(app, exitCode);
  addSyncCommands(app, exitCode);
  addOutboxCommands(app, exitCode);
  addTokenCommands(app, exitCode);
  addDiagnoseCommand(app, exitCode);
  addReportCommand(app, exitCode);
  addRemoteCommands(app, exitCode);
  addDemoCommand(app, exitCode);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? kExitOk : kExitFailure;
  }
  return exitCode;
}

}  // namespace sinkron::daemon

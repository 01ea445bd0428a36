// `sinkron token create | list | revoke`: bearer tokens of the admin API. A token is printed
// once, at creation; the store keeps only its SHA-256.
#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "configured_store.hpp"
#include "messages.hpp"
#include "sinkron/admin/token_store.hpp"
#include "sinkron/daemon/cli.hpp"
#include "sinkron/daemon/sync/daemon_config.hpp"
#include "token_commands.hpp"

namespace sinkron::daemon {
void addTokenCommands(CLI::App& app, int& exitCode) {
  auto* token = app.add_subcommand("token", "Bearer tokens of the admin API (stored hashed)");
  token->require_subcommand(1);

  auto* create = token->add_subcommand("create", "Create a token; it is printed once");
  auto config = std::make_shared<std::string>();
  auto name = std::make_shared<std::string>();
  auto role = std::make_shared<std::string>();
  auto agencies = std::make_shared<std::vector<std::string>>();
  create->add_option("--config", *config, "The daemon's config file (YAML)")->required();
  create->add_option("--name", *name, "Who holds it (e.g. budi.helpdesk)")->required();
  create->add_option("--role", *role, "operator, helpdesk or auditor")
      ->required()
      ->check(CLI::IsMember({"operator", "helpdesk", "auditor"}));
  create->add_option("--agency", *agencies, "Limit to an agency (unor id); repeat for several");
  create->callback([=, &exitCode] {
    auto st = openConfiguredStore(*config, "token", exitCode);
    if (!st) return;
    auto tokens = admin::TokenStore::open(*st->store);
    auto r = admin::parseRole(*role);
    if (!tokens || !r) {
      std::fprintf(stderr, "sinkron token: %s\n",
                   (tokens ? r.error() : tokens.error()).message.c_str());
      exitCode = kExitFailure;
      return;
    }
    auto created = (*tokens)->create(*name, *r, *agencies);
    if (!created) {
      std::fprintf(stderr, "sinkron token: %s\n", created.error().message.c_str());
      exitCode = kExitFailure;
      return;
    }
    fmt::print("{}\n", *created);
    std::fprintf(stderr, "%s\n", cli::say("token.created", *name, *role).c_str());
    exitCode = kExitOk;
  });

  auto* list = token->add_subcommand("list", "List tokens (names and roles, never the tokens)");
  auto listConfig = std::make_shared<std::string>();
  list->add_option("--config", *listConfig, "The daemon's config file (YAML)")->required();
  list->callback([=, &exitCode] {
    auto st = openConfiguredStore(*listConfig, "token", exitCode);
    if (!st) return;
    auto tokens = admin::TokenStore::open(*st->store);
    auto all = tokens ? (*tokens)->list() : Result<std::vector<admin::TokenInfo>>(tokens.error());
    if (!all) {
      std::fprintf(stderr, "sinkron token: %s\n", all.error().message.c_str());
      exitCode = kExitFailure;
      return;
    }
    fmt::print("{}\n",
               cli::say("token.heading", cli::text("token.col_name"), cli::text("token.col_role"),
                        cli::text("token.col_state"), cli::text("token.col_agencies")));
    for (const auto& t : *all) {
      std::string agencyText;
      for (const auto& a : t.agencies) agencyText += (agencyText.empty() ? "" : ",") + a;
      fmt::print("{}\n",
                 cli::say("token.heading", t.name, admin::roleName(t.role),
                          cli::text(t.revokedAt ? "token.revoked_state" : "token.active"),
                          agencyText.empty() ? std::string(cli::text("token.all")) : agencyText));
    }
    exitCode = kExitOk;
  });

  auto* revoke = token->add_subcommand("revoke", "Revoke a token by name");
  auto revokeConfig = std::make_shared<std::string>();
  auto revokeName = std::make_shared<std::string>();
  revoke->add_option("--config", *revokeConfig, "The daemon's config file (YAML)")->required();
  revoke->add_option("--name", *revokeName, "The token's name")->required();
  revoke->callback([=, &exitCode] {
    auto st = openConfiguredStore(*revokeConfig, "token", exitCode);
    if (!st) return;
    auto tokens = admin::TokenStore::open(*st->store);
    Status s = tokens ? (*tokens)->revoke(*revokeName) : Status(tokens.error());
    if (!s) {
      std::fprintf(stderr, "sinkron token: %s\n", s.error().message.c_str());
      exitCode = kExitFailure;
      return;
    }
    fmt::print("{}\n", cli::say("token.revoked", *revokeName));
    exitCode = kExitOk;
  });
}

}  // namespace sinkron::daemon

#pragma once
// SimpegDbConnector: reads SIMPEG's own database (PostgreSQL or MariaDB/MySQL) through SOCI with
// the configured queries — prepared statements, values only as parameters.
//
// Stream "pegawai": the configured query run repeatedly with :updated_since / :last_id from the
// cursor and :limit = batch size; rows (soci::row) are mapped by column name through the mapping
// file (raw JSON of the columns kept) and stored one batch per execution with the cursor
// "<updated_at yyyy-mm-dd hh:mm:ss>|<id>" of the batch's last row. "" starts from the beginning.
// Push: kind = a configured statement's name; its named parameters come from the Change JSON
// (an unknown or missing parameter is an error); run in a transaction.
// SOCI errors are caught here; messages name the connector and the query or statement, never the
// connect string or password.
#include <memory>
#include <string>
#include <vector>

#include "sinkron/connectors/connector.hpp"
#include "sinkron/connectors/simpeg_db_config.hpp"

namespace sinkron::connectors::simpeg {

class SimpegDbConnector : public Connector {
 public:
  static Result<std::unique_ptr<SimpegDbConnector>> create(SimpegDbConfig config);
  ~SimpegDbConnector() override;

  std::string name() const override;
  std::vector<std::string> streams() const override;
  Status testConnection() override;
  Result<PullStats> pull(const PullRequest& request, PullSink& sink) override;
  Result<PushResult> push(const Change& change) override;

 private:
  struct Impl;
  explicit SimpegDbConnector(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace sinkron::connectors::simpeg

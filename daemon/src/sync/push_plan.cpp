#include "push_plan.hpp"

#include <soci/soci.h>

#include "sinkron/daemon/csv_writer.hpp"
#include "sinkron/security/masking.hpp"
#include "sinkron/store/change_history.hpp"
#include "sinkron/store/outbox_store.hpp"

namespace sinkron::daemon::sync {
namespace {

constexpr std::size_t kRowsPerTransaction = 1000;

Status openConflict(soci::session& sql, const PlannedConflict& c, std::int64_t runId,
                    bool& opened) {
  // A conflict a person already decided is not opened again for the same values.
  std::int64_t existing = 0;
  sql << "SELECT COUNT(*) FROM conflicts WHERE status IN ('open', 'resolved') AND field = :f AND "
         "left_source = :ls AND left_value = :lv AND right_source = :rs AND right_value = :rv",
      soci::use(c.field), soci::use(c.leftSource), soci::use(c.leftValue), soci::use(c.rightSource),
      soci::use(c.rightValue), soci::into(existing);
  opened = existing == 0;
  if (!opened) return {};
  std::int64_t now = store::nowMillis();
  std::string status = "open";
  sql << "INSERT INTO conflicts (field, left_source, left_value, right_source, right_value, "
         "status, reason, created_at) VALUES (:f, :ls, :lv, :rs, :rv, :st, :n, :t)",
      soci::use(c.field), soci::use(c.leftSource), soci::use(c.leftValue), soci::use(c.rightSource),
      soci::use(c.rightValue), soci::use(status), soci::use(c.note), soci::use(now);
  store::ChangeEntry h;
  h.actor = "sinkron";
  h.entity = "conflict";
  h.entityKey = security::maskIdsInText(c.leftValue);
  h.field = c.field;
  h.newValue = "open";
  h.reason = c.note;
  h.runId = runId;
  return store::ChangeHistory::append(sql, h);
}

}  // namespace

Result<PlanWriteStats> writePlan(store::StateStore& store, const PushPlan& plan,
                                 const PushSettings& push, bool dryRun, std::int64_t runId,
                                 const std::filesystem::path& previewFile) {
  PlanWriteStats stats;
  std::vector<const PlannedChange*> live, preview;
  for (const PlannedChange& c : plan.changes)
    (dryRun || push.modeOf(c.connector) == PushMode::kPreview ? preview : live).push_back(&c);

  if (!preview.empty() || dryRun) {
    auto out = CsvWriter::create(previewFile);
    if (!out) return out.error();
    out->row({"connector", "kind", "target", "natural_key", "reason", "payload"});
    for (const PlannedChange* c : preview) {
      out->field(c->connector).field(c->change.kind);
      out->field(security::maskIdsInText(c->change.targetKey));
      out->field(security::maskIdsInText(c->change.naturalKey)).field(c->reason);
      out->field(security::maskIdsInText(c->change.json)).endRow();
    }
    if (Status s = out->close(); !s) return s.error();
    stats.previewed = preview.size();
    stats.previewFile = previewFile;
  }

  for (std::size_t begin = 0; begin < live.size(); begin += kRowsPerTransaction) {
    std::size_t end = std::min(live.size(), begin + kRowsPerTransaction);
    PlanWriteStats delta;
    Status s = store.transaction("queueing planned pushes", [&](soci::session& sql) -> Status {
      for (std::size_t i = begin; i < end; ++i) {
        const PlannedChange& c = *live[i];
        store::NewOutboxEntry e{c.connector,         c.change.kind, c.change.targetKey,
                                c.change.naturalKey, c.change.json, runId};
        Result<store::EnqueueResult> r = store::OutboxStore::enqueue(sql, e);
        if (!r) return r.error();
        ++(r->created ? delta.queued : delta.alreadyQueued);
      }
      return {};
    });
    if (!s) return s.error();
    stats.queued += delta.queued;
    stats.alreadyQueued += delta.alreadyQueued;
  }

  if (!dryRun && !plan.resolved.empty()) {
    // Resolved attendees: linked to the employee of their SIASN record.
    Status s = store.transaction("linking resolved records", [&](soci::session& sql) -> Status {
      std::string connector, key, nip, how, siasn, siasnStream = "data-utama";
      long long employee = 0;
      soci::indicator ei = soci::i_null;
      std::int64_t now = store::nowMillis();
      soci::statement find =
          (sql.prepare << "SELECT employee_id FROM source_records WHERE "
                          "connector = :c AND stream = :s AND source_key = :k",
           soci::use(siasn), soci::use(siasnStream), soci::use(nip), soci::into(employee, ei));
      soci::statement link =
          (sql.prepare << "INSERT INTO links (connector, source_key, employee_id, decision, "
                          "explanation, decided_by, updated_at) VALUES (:c, :k, :e, 'match', :x, "
                          "'sinkron', :t) ON CONFLICT (connector, source_key) DO UPDATE SET "
                          "employee_id = excluded.employee_id, explanation = excluded.explanation, "
                          "updated_at = excluded.updated_at",
           soci::use(connector), soci::use(key), soci::use(employee), soci::use(how),
           soci::use(now));
      soci::statement record =
          (sql.prepare << "UPDATE source_records SET employee_id = :e WHERE connector = :c AND "
                          "stream = 'completions' AND source_key = :k",
           soci::use(employee), soci::use(connector), soci::use(key));
      for (const ResolvedRecord& r : plan.resolved) {
        connector = r.connector, key = r.sourceKey, nip = r.siasnNip, siasn = r.siasnConnector;
        how = "attendee by " + r.how;
        ei = soci::i_null;
        find.execute(true);
        if (!find.got_data() || ei != soci::i_ok) continue;
        link.execute(true);
        record.execute(true);
      }
      return {};
    });
    if (!s) return s.error();
  }

  if (!dryRun) {
    for (std::size_t begin = 0; begin < plan.conflicts.size(); begin += kRowsPerTransaction) {
      std::size_t end = std::min(plan.conflicts.size(), begin + kRowsPerTransaction);
      std::uint64_t opened = 0;
      Status s = store.transaction("opening conflicts", [&](soci::session& sql) -> Status {
        for (std::size_t i = begin; i < end; ++i) {
          bool o = false;
          if (Status st = openConflict(sql, plan.conflicts[i], runId, o); !st) return st;
          opened += o;
        }
        return {};
      });
      if (!s) return s.error();
      stats.conflictsOpened += opened;
    }
  }
  return stats;
}

}  // namespace sinkron::daemon::sync

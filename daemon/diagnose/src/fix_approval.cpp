#include "sinkron/diagnose/fix_approval.hpp"

#include "sinkron/security/masking.hpp"
#include "sinkron/store/change_history.hpp"
#include "sinkron/store/outbox_store.hpp"

namespace sinkron::diagnose {

Result<OfferedFix> findOfferedFix(const DiagnoseReport& report, const std::string& fixId) {
  for (const Check& c : report.checks)
    for (const OfferedFix& f : c.offeredFixes)
      if (f.fixId() == fixId) return f;
  return Error::notFound("diagnose offers no fix " + fixId +
                         " for this person now (diagnose again)");
}

Result<ApprovedFix> approveFix(store::StateStore& store, const OfferedFix& fix,
                               const std::string& actor, const std::string& reason) {
  if (reason.empty()) return Error::invalid("approving a fix needs a reason");
  ApprovedFix out;
  Status s = store.transaction("queueing an approved fix", [&](soci::session& sql) -> Status {
    auto r = store::OutboxStore::enqueue(
        sql, {fix.connector, fix.kind, fix.targetKey, fix.naturalKey, fix.json, 0});
    if (!r) return r.error();
    out = {r->id, r->created};
    store::ChangeEntry h;
    h.actor = actor;
    h.entity = "outbox";
    h.entityKey = security::maskIdsInText(fix.naturalKey);
    h.field = "status";
    h.newValue = r->created ? "pending (approved fix)" : "already queued";
    h.reason = reason;
    return store::ChangeHistory::append(sql, h);
  });
  if (!s) return s.error();
  return out;
}

}  // namespace sinkron::diagnose

#include <soci/soci.h>
#include <catch2/catch.hpp>

#include <filesystem>

#include "sinkron/store/change_history.hpp"
#include "sinkron/store/outbox_store.hpp"
#include "sinkron/store/state_store.hpp"

namespace fs = std::filesystem;
using namespace sinkron;
using namespace sinkron::store;

namespace {

std::unique_ptr<StateStore> freshStore(const fs::path& dir) {
  fs::create_directories(dir);
  StoreOptions o;
  o.connect = (dir / "state.db").string();
  auto s = StateStore::open(o);
  REQUIRE(s);
  return std::move(*s);
}

struct TempDir {
  fs::path path =
      fs::temp_directory_path() / ("sinkron-outbox-" + std::to_string(::getpid()) + "-" +
                                   std::to_string(reinterpret_cast<std::uintptr_t>(this)));
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

NewOutboxEntry kursus(const std::string& key) {
  return {"siasn", "kursus", "person-1", key, R"({"namaKursus":"Latsar"})", 7};
}

}  // namespace

TEST_CASE("Outbox: one entry per natural key, enqueued with its state", "[store][outbox]") {
  TempDir dir;
  auto store = freshStore(dir.path);
  OutboxStore outbox(*store);
  REQUIRE(store->transaction("plan", [&](soci::session& sql) -> Status {
    auto a = OutboxStore::enqueue(sql, kursus("kursus|p1|Latsar|01-02-2026"));
    REQUIRE(a);
    CHECK(a->created);
    auto again = OutboxStore::enqueue(sql, kursus("kursus|p1|Latsar|01-02-2026"));
    REQUIRE(again);
    CHECK_FALSE(again->created);
    CHECK(again->id == a->id);
    return {};
  }));
  // A plan whose transaction fails leaves no entry behind.
  CHECK_FALSE(store->transaction("plan", [&](soci::session& sql) -> Status {
    REQUIRE(OutboxStore::enqueue(sql, kursus("kursus|p2|Latsar|01-02-2026")));
    return Error::io("state write failed");
  }));
  CHECK(outbox.counts()->pending == 1);
  CHECK_FALSE(OutboxStore::enqueue(store->session(), {"siasn", "", "", "", "", 0}));
}

TEST_CASE("Outbox: claim, deliver, retry, dead-letter, replay, discard", "[store][outbox]") {
  TempDir dir;
  auto store = freshStore(dir.path);
  OutboxStore outbox(*store);
  REQUIRE(store->transaction("plan", [&](soci::session& sql) -> Status {
    for (int i = 0; i < 3; ++i) REQUIRE(OutboxStore::enqueue(sql, kursus("k" + std::to_string(i))));
    return {};
  }));
  auto now = nowMillis();
  auto due = outbox.claimDue(now, 10);
  REQUIRE(due);
  REQUIRE(due->size() == 3);
  CHECK(outbox.claimDue(now, 10)->empty());  // claimed entries are not handed out twice

  REQUIRE(outbox.markDelivered((*due)[0].id, "rw-1"));
  // A retryable failure comes back when due, not before.
  REQUIRE(outbox.markFailed((*due)[1].id, "HTTP 503", now + 60000, 3, false));
  CHECK(outbox.claimDue(now, 10)->empty());
  auto later = outbox.claimDue(now + 60000, 10);
  REQUIRE(later->size() == 1);
  CHECK(later->front().attempts == 1);
  CHECK(later->front().lastError == "HTTP 503");
  // A rejection is not retried: straight to the dead-letter queue with the reason.
  REQUIRE(outbox.markFailed((*due)[2].id, "unorId tidak ditemukan", now, 3, true));
  // Two more failures exhaust the attempts of the other one.
  REQUIRE(outbox.markFailed(later->front().id, "HTTP 503", now + 60000, 3, false));
  auto last = outbox.claimDue(now + 60000, 10);
  REQUIRE(last->size() == 1);
  REQUIRE(outbox.markFailed(last->front().id, "HTTP 503", now + 60000, 3, false));

  auto counts = outbox.counts();
  CHECK(counts->delivered == 1);
  CHECK(counts->dead == 2);
  CHECK(counts->deadLettersWaiting == 2);
  auto dlq = outbox.deadLetters(10);
  REQUIRE(dlq->size() == 2);
  CHECK(dlq->at(0).reason == "rejected: unorId tidak ditemukan");
  CHECK(dlq->at(1).reason.find("gave up after 3 attempts") != std::string::npos);

  CHECK_FALSE(outbox.replay({dlq->at(0).id}, "", ""));  // who and why are required
  auto replayedCount = outbox.replay({dlq->at(1).id}, "operator:budi", "SIASN back up");
  REQUIRE(replayedCount);
  CHECK(*replayedCount == 1);
  REQUIRE(outbox.discard({dlq->at(0).id}, "operator:budi", "unit closed"));
  auto twice = outbox.discard({dlq->at(0).id}, "operator:budi", "again");
  REQUIRE_FALSE(twice);
  CHECK(twice.error().message.find("already discarded") != std::string::npos);
  auto replayed = outbox.claimDue(nowMillis(), 10);
  REQUIRE(replayed->size() == 1);
  CHECK(replayed->front().attempts == 0);

  auto check = ChangeHistory::verify(store->session());
  REQUIRE(check);
  CHECK(check->rows == 4);  // two moves to the DLQ, one replay, one discard
  CHECK(check->firstBadId == 0);
}

TEST_CASE("Outbox: entries claimed before a crash are delivered again after restart",
          "[store][outbox]") {
  TempDir dir;
  {
    auto store = freshStore(dir.path);
    OutboxStore outbox(*store);
    REQUIRE(store->transaction("plan", [&](soci::session& sql) -> Status {
      REQUIRE(OutboxStore::enqueue(sql, kursus("k1")));
      return {};
    }));
    REQUIRE(outbox.claimDue(nowMillis(), 10)->size() == 1);
  }  // "crash": never marked delivered
  auto store = freshStore(dir.path);
  OutboxStore outbox(*store);
  CHECK(outbox.recoverInFlight().value() == 1);
  CHECK(outbox.claimDue(nowMillis(), 10)->size() == 1);
}

TEST_CASE("Change history detects a row edited behind sinkron's back", "[store][history]") {
  TempDir dir;
  auto store = freshStore(dir.path);
  REQUIRE(store->transaction("history", [&](soci::session& sql) -> Status {
    for (int i = 0; i < 3; ++i)
      REQUIRE(ChangeHistory::append(sql, {"sinkron", "employee", "1985********0001", "email",
                                          "a@x.id", "b@x.id", "simpeg owns email", 1}));
    return {};
  }));
  auto ok = ChangeHistory::verify(store->session());
  REQUIRE(ok);
  CHECK(ok->rows == 3);
  CHECK(ok->firstBadId == 0);
  // Someone with direct database access drops the trigger and edits a row.
  store->session() << "DROP TRIGGER change_history_no_update";
  store->session() << "UPDATE change_history SET new_value = 'mallory@x.id' WHERE id = 2";
  auto bad = ChangeHistory::verify(store->session());
  REQUIRE(bad);
  CHECK(bad->firstBadId == 2);
  CHECK(bad->problem.find("changed after it was written") != std::string::npos);
}

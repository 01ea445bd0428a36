#include "sinkron/mappings/reconciler.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <span>
#include <thread>

#include "flat_index.hpp"
#include "sinkron/mappings/civil_date.hpp"
#include "sinkron/prefetch.hpp"

namespace sinkron::mappings {
namespace {

using detail::FlatIndex;
using Pairs = std::vector<std::pair<std::uint64_t, std::uint32_t>>;

// Blocks larger than this are skipped: a key shared by that many records (a very common name
// born in one year) separates nobody, and comparing inside it would grow quadratically. Every
// record has other, narrower keys.
constexpr std::size_t kMaxBlock = 16;
// The name + birth year key is used only for names this rare on the right side: a common name
// spread over ~35 birth years still makes blocks of dozens, and the left side's cap cannot see
// how many right records share the key (at 4.3M it made 3/4 of all comparisons).
constexpr std::uint32_t kMaxNameYearCount = 320;

struct Candidate {
  std::uint32_t left, right;
  float score;
  MatchPass pass;
  bool compatible;  // names alike enough for a match decision
};

std::uint64_t mixKey(std::uint64_t a, std::uint64_t b) {
  std::uint64_t k = (a * 0x9e3779b97f4a7c15ull) ^ (b + 0x632be59bd9b4e019ull + (a << 6));
  return k | 1u;
}

// Blocking keys for the probabilistic pass: records sharing any key are compared. Each key must
// stay selective at national scale (4.3M people share ~15,000 birth dates).
template <typename Fn>
void forEachBlockKey(const RecordTable& t, std::uint32_t i, const NameFrequency& freq, Fn&& fn) {
  const MatchFeatures& f = t.features(i);
  const bool hasDob = f.dob != INT32_MIN;
  const auto dob = static_cast<std::uint64_t>(static_cast<std::uint32_t>(f.dob));
  if (hasDob && f.firstChar) {
    std::string_view name = t.name(i);
    std::uint64_t prefix = static_cast<unsigned char>(name[0]);
    if (name.size() > 1) prefix = prefix << 8 | static_cast<unsigned char>(name[1]);
    fn(mixKey(1, dob << 20 | prefix << 2 | f.sex));
  }
  // Name with birth year, not name alone: common names would make blocks of thousands.
  if (f.nameHash && hasDob && freq.count(f.nameHash) <= kMaxNameYearCount)
    fn(mixKey(2, f.nameHash ^ std::uint64_t(CivilDate::fromDays(f.dob).year)));
  if (f.nik) fn(mixKey(3, f.nik));
  if (f.nipLama) fn(mixKey(4, f.nipLama));
  if (hasDob && f.placeHash) fn(mixKey(5, (dob << 32) ^ f.placeHash ^ f.sex));
}

FlatIndex indexBy(const RecordTable& t, std::uint64_t MatchFeatures::*member) {
  Pairs pairs;
  pairs.reserve(t.size());
  for (std::uint32_t i = 0; i < t.size(); ++i)
    if (std::uint64_t k = t.features(i).*member) pairs.emplace_back(k, i);
  FlatIndex idx;
  idx.build(std::move(pairs));
  return idx;
}

FlatIndex indexBlocks(const RecordTable& t, const std::vector<std::uint32_t>& records,
                      const NameFrequency& freq) {
  Pairs pairs;
  pairs.reserve(records.size() * 4);
  for (std::uint32_t i : records)
    forEachBlockKey(t, i, freq, [&](std::uint64_t k) { pairs.emplace_back(k, i); });
  FlatIndex idx;
  idx.build(std::move(pairs), /*sparse=*/true);
  return idx;
}

// Runs fn(begin, end, out) over [0, n) split across threads, concatenating the outputs.
template <typename T, typename Fn>
std::vector<T> parallelCollect(std::size_t n, unsigned threads, Fn&& fn) {
  threads = std::max(1u, std::min<unsigned>(threads, n < 4096 ? 1 : threads));
  std::vector<std::vector<T>> parts(threads);
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t)
    pool.emplace_back([&, t] { fn(n * t / threads, n * (t + 1) / threads, parts[t]); });
  fn(0, n / threads, parts[0]);
  for (auto& th : pool) th.join();
  std::vector<T> out;
  std::size_t total = 0;
  for (auto& p : parts) total += p.size();
  out.reserve(total);
  for (auto& p : parts) out.insert(out.end(), p.begin(), p.end());
  return out;
}

// Best score first; (left, right) breaks ties, then the earlier pass (a pair several passes
// found is named after the first), so the order is total and the same however the work is split.
bool better(const Candidate& a, const Candidate& b) {
  if (a.score != b.score) return a.score > b.score;
  if (a.left != b.left) return a.left < b.left;
  if (a.right != b.right) return a.right < b.right;
  return a.pass < b.pass;
}

// Large lists sort in two halves on two threads, then merge.
void sortByScore(std::vector<Candidate>& c, unsigned threads) {
  if (threads < 2 || c.size() < (1u << 16)) {
    std::sort(c.begin(), c.end(), better);
    return;
  }
  const auto mid = c.begin() + static_cast<std::ptrdiff_t>(c.size() / 2);
  std::thread firstHalf([&] { std::sort(c.begin(), mid, better); });
  std::sort(mid, c.end(), better);
  firstHalf.join();
  std::inplace_merge(c.begin(), mid, c.end(), better);
}

}  // namespace

std::string_view passName(MatchPass p) {
  switch (p) {
    case MatchPass::kNip:
      return "nip";
    case MatchPass::kPersonId:
      return "person_id";
    case MatchPass::kNipNear:
      return "nip_near";
    case MatchPass::kProbabilistic:
      return "probabilistic";
    case MatchPass::kDuplicate:
      return "duplicate";
  }
  return "?";
}

PairScore Reconciler::explain(const ReconcileResult& result, const RecordTable& left,
                              std::uint32_t l, const RecordTable& right, std::uint32_t r) const {
  static const NameFrequency kNone;
  return scorePair(left, l, right, r, result.nameFrequency ? *result.nameFrequency : kNone);
}

ReconcileResult Reconciler::run(const RecordTable& left, const RecordTable& right,
                                unsigned threads) const {
  ReconcileResult result;
  auto stageStart = std::chrono::steady_clock::now();
  auto stageDone = [&](std::string_view name) {
    const auto now = std::chrono::steady_clock::now();
    result.stageSeconds.emplace_back(name, std::chrono::duration<double>(now - stageStart).count());
    stageStart = now;
  };
  const float matchAt = static_cast<float>(thresholds_.match);
  const float reviewAt = static_cast<float>(thresholds_.review);
  auto frequency = std::make_shared<NameFrequency>();
  NameFrequency& freq = *frequency;
  FlatIndex byNip, byPerson;
  {
    std::thread helper([&] { byPerson = indexBy(right, &MatchFeatures::personId); });
    freq.build(right);
    byNip = indexBy(right, &MatchFeatures::nip);
    helper.join();
  }
  stageDone("indexes");
  std::atomic<std::uint64_t> comparisons{0};

  // Deterministic passes: same NIP, same person id.
  auto deterministic = parallelCollect<Candidate>(
      left.size(), threads, [&](std::size_t b, std::size_t e, std::vector<Candidate>& out) {
        std::uint64_t n = 0;
        // A software pipeline over the left records, as each step's data is a cache miss at
        // national scale: the index slot is loaded 2*kAhead records ahead, looked up kAhead
        // ahead (once, kept in a ring), and the right records it names loaded kAhead/2 ahead.
        constexpr std::uint32_t kAhead = 16, kRing = 2 * kAhead;
        struct Found {
          std::span<const std::uint32_t> nip, person;
        };
        std::array<Found, kRing> ring;
        auto lookUp = [&](std::uint32_t i) {
          const MatchFeatures& g = left.features(i);
          Found& found = ring[i % kRing];
          found = {byNip.find(g.nip), byPerson.find(g.personId)};
          if (!found.nip.empty()) sinkron::prefetchRead(found.nip.data());
          if (!found.person.empty()) sinkron::prefetchRead(found.person.data());
        };
        for (auto i = static_cast<std::uint32_t>(b); i < std::min<std::size_t>(e, b + kAhead); ++i)
          lookUp(i);
        for (auto l = static_cast<std::uint32_t>(b); l < e; ++l) {
          if (l + 2 * kAhead < e) {
            byNip.prefetch(left.features(l + 2 * kAhead).nip);
            byPerson.prefetch(left.features(l + 2 * kAhead).personId);
          }
          if (l + kAhead < e) lookUp(l + kAhead);
          if (l + kAhead / 2 < e) {
            const Found& soon = ring[(l + kAhead / 2) % kRing];
            for (std::uint32_t r : soon.nip) right.prefetchFeatures(r);
            for (std::uint32_t r : soon.person) right.prefetchFeatures(r);
          }
          if (l + kAhead / 4 < e) {
            const Found& soon = ring[(l + kAhead / 4) % kRing];
            for (std::uint32_t r : soon.nip) right.prefetchName(r);
            for (std::uint32_t r : soon.person) right.prefetchName(r);
          }
          const Found found = ring[l % kRing];
          std::size_t mark = out.size();
          auto seen = [&](std::uint32_t r) {
            for (std::size_t i = mark; i < out.size(); ++i)
              if (out[i].right == r) return true;
            return false;
          };
          for (std::uint32_t r : found.nip) {
            PairScore s = scorePair(left, l, right, r, freq, reviewAt);
            ++n;
            if (s.total >= reviewAt)
              out.push_back({l, r, s.total, MatchPass::kNip, s.namesCompatible()});
          }
          for (std::uint32_t r : found.person) {
            if (seen(r)) continue;
            PairScore s = scorePair(left, l, right, r, freq, reviewAt);
            ++n;
            if (s.total >= reviewAt)
              out.push_back({l, r, s.total, MatchPass::kPersonId, s.namesCompatible()});
          }
        }
        comparisons += n;
      });

  stageDone("deterministic");
  std::vector<std::int32_t> leftTo(left.size(), -1), rightTo(right.size(), -1);
  std::vector<Candidate> lost;  // match-level candidates whose right record went to another left
  // Greedy one-to-one assignment, best score first. A candidate that is the only one for both
  // its records is linked whatever the order, so only the contested rest is sorted: at
  // national scale that is a few thousand candidates instead of millions.
  std::vector<std::uint8_t> leftCount(left.size()), rightCount(right.size());
  auto assign = [&](const std::vector<Candidate>& cands) {
    auto eligible = [&](const Candidate& c) { return c.score >= matchAt && c.compatible; };
    std::fill(leftCount.begin(), leftCount.end(), 0);
    std::fill(rightCount.begin(), rightCount.end(), 0);
    for (const auto& c : cands) {
      if (!eligible(c)) continue;
      leftCount[c.left] = static_cast<std::uint8_t>(std::min(2, leftCount[c.left] + 1));
      rightCount[c.right] = static_cast<std::uint8_t>(std::min(2, rightCount[c.right] + 1));
    }
    const std::size_t lostBefore = lost.size();
    auto take = [&](const Candidate& c) {
      if (leftTo[c.left] >= 0) return;
      if (rightTo[c.right] >= 0) {
        lost.push_back(c);
        return;
      }
      leftTo[c.left] = static_cast<std::int32_t>(c.right);
      rightTo[c.right] = static_cast<std::int32_t>(c.left);
      result.links.push_back({c.left, c.right, c.score, Decision::kMatch, c.pass});
    };
    std::vector<Candidate> contested;
    for (const auto& c : cands) {
      if (!eligible(c)) continue;
      if (leftCount[c.left] == 1 && rightCount[c.right] == 1)
        take(c);
      else
        contested.push_back(c);
    }
    sortByScore(contested, threads);
    for (const auto& c : contested) take(c);
    // Lost candidates in score order, as if the whole list had been sorted: the duplicate check
    // below takes the first that fits.
    std::sort(lost.begin() + static_cast<std::ptrdiff_t>(lostBefore), lost.end(), better);
  };
  assign(deterministic);

  stageDone("assign_deterministic");
  // NIP one digit or one transposition off, with birth date and sex agreeing: each unlinked left
  // record is compared with the unlinked right records of its birth date and sex, kept in one
  // sorted array (a short scan, not ~180 random probes of the NIP index per record).
  auto dobSexBlock = [](const MatchFeatures& f) {
    return static_cast<std::uint64_t>(static_cast<std::uint32_t>(f.dob)) << 2 | f.sex;
  };
  struct NipEntry {
    std::uint64_t block, nip;
    std::uint32_t right;
  };
  std::vector<NipEntry> unlinkedNips;
  for (std::uint32_t r = 0; r < right.size(); ++r) {
    const MatchFeatures& g = right.features(r);
    if (rightTo[r] < 0 && g.nip && g.dob != INT32_MIN)
      unlinkedNips.push_back({dobSexBlock(g), g.nip, r});
  }
  std::sort(unlinkedNips.begin(), unlinkedNips.end(),
            [](const NipEntry& a, const NipEntry& b) { return a.block < b.block; });
  std::vector<std::uint32_t> nearCandidates;
  for (std::uint32_t l = 0; l < left.size(); ++l) {
    const MatchFeatures& f = left.features(l);
    if (leftTo[l] < 0 && f.nip && f.dob != INT32_MIN) nearCandidates.push_back(l);
  }
  auto nearNip = parallelCollect<Candidate>(
      nearCandidates.size(), threads,
      [&](std::size_t b, std::size_t e, std::vector<Candidate>& out) {
        std::uint64_t n = 0;
        for (std::size_t i = b; i < e; ++i) {
          std::uint32_t l = nearCandidates[i];
          const MatchFeatures& f = left.features(l);
          const std::uint64_t block = dobSexBlock(f);
          auto it =
              std::lower_bound(unlinkedNips.begin(), unlinkedNips.end(), block,
                               [](const NipEntry& x, std::uint64_t k) { return x.block < k; });
          for (; it != unlinkedNips.end() && it->block == block; ++it) {
            if (!nipNear(f.nip, it->nip)) continue;
            PairScore s = scorePair(left, l, right, it->right, freq, reviewAt);
            ++n;
            if (s.total >= reviewAt)
              out.push_back({l, it->right, s.total, MatchPass::kNipNear, s.namesCompatible()});
          }
        }
        comparisons += n;
      });
  std::vector<NipEntry>().swap(unlinkedNips);
  assign(nearNip);

  stageDone("nip_near");
  // Probabilistic pass: block the unlinked left records, stream every right record past them.
  std::vector<std::uint32_t> residualLeft;
  for (std::uint32_t l = 0; l < left.size(); ++l)
    if (leftTo[l] < 0) residualLeft.push_back(l);
  FlatIndex blocks = indexBlocks(left, residualLeft, freq);
  stageDone("blocks");
  auto probabilistic = parallelCollect<Candidate>(
      right.size(), threads, [&](std::size_t b, std::size_t e, std::vector<Candidate>& out) {
        std::uint64_t n = 0;
        std::vector<std::uint32_t> seen;
        // A software pipeline over the right records, as in the NIP pass: block keys computed
        // and their slots loaded kAhead records ahead, the blocks looked up kAhead/2 ahead, the
        // left records they name loaded kAhead/4 ahead.
        constexpr std::uint32_t kAhead = 16, kRing = 2 * kAhead;
        struct Blocks {
          std::array<std::uint64_t, 5> key;
          std::array<std::span<const std::uint32_t>, 5> block;
          std::uint32_t keys = 0;
        };
        std::array<Blocks, kRing> ring;
        auto computeKeys = [&](std::uint32_t i) {
          Blocks& x = ring[i % kRing];
          x.keys = 0;
          forEachBlockKey(right, i, freq, [&](std::uint64_t k) {
            x.key[x.keys++] = k;
            blocks.prefetch(k);
          });
        };
        auto lookUp = [&](std::uint32_t i) {
          Blocks& x = ring[i % kRing];
          for (std::uint32_t k = 0; k < x.keys; ++k) {
            x.block[k] = blocks.find(x.key[k]);
            if (x.block[k].size() > kMaxBlock) x.block[k] = {};  // too common to tell anyone apart
            if (!x.block[k].empty()) sinkron::prefetchRead(x.block[k].data());
          }
        };
        auto end = [&](std::uint32_t i) { return std::min<std::size_t>(e, b + i); };
        for (auto i = static_cast<std::uint32_t>(b); i < end(kAhead); ++i) computeKeys(i);
        for (auto i = static_cast<std::uint32_t>(b); i < end(kAhead / 2); ++i) lookUp(i);
        for (auto r = static_cast<std::uint32_t>(b); r < e; ++r) {
          if (r + kAhead < e) computeKeys(r + kAhead);
          if (r + kAhead / 2 < e) lookUp(r + kAhead / 2);
          if (r + kAhead / 4 < e) {
            const Blocks& soon = ring[(r + kAhead / 4) % kRing];
            for (std::uint32_t k = 0; k < soon.keys; ++k)
              for (std::uint32_t l : soon.block[k]) left.prefetchFeatures(l);
          }
          seen.clear();
          const Blocks& now = ring[r % kRing];
          for (std::uint32_t k = 0; k < now.keys; ++k)
            for (std::uint32_t l : now.block[k]) {
              if (std::find(seen.begin(), seen.end(), l) != seen.end()) continue;
              seen.push_back(l);
              PairScore s = scorePair(left, l, right, r, freq, reviewAt);
              ++n;
              if (s.total >= reviewAt)
                out.push_back({l, r, s.total, MatchPass::kProbabilistic, s.namesCompatible()});
            }
        }
        comparisons += n;
      });
  stageDone("probabilistic");
  assign(probabilistic);

  stageDone("assign_probabilistic");
  // Duplicates: a left record that matches a right record already taken by another left record,
  // and matches that record too, is a second record of the same person.
  std::vector<std::uint8_t> duplicate(left.size(), 0);
  for (const auto& c : lost) {
    if (leftTo[c.left] >= 0 || duplicate[c.left]) continue;
    auto owner = static_cast<std::uint32_t>(rightTo[c.right]);
    PairScore s = scorePair(left, c.left, left, owner, freq, matchAt);
    ++comparisons;
    if (s.total < matchAt || !s.namesCompatible()) continue;
    duplicate[c.left] = 1;
    result.links.push_back({c.left, c.right, c.score, Decision::kMatch, MatchPass::kDuplicate});
    result.duplicates.push_back({Side::kLeft, c.left, owner, s.total});
  }

  // Review: the best remaining candidate per unlinked left record, one-to-one.
  std::vector<Candidate> reviews;
  for (auto* list : {&deterministic, &nearNip, &probabilistic})
    for (const auto& c : *list)
      if (c.score >= reviewAt && leftTo[c.left] < 0 && !duplicate[c.left] && rightTo[c.right] < 0)
        reviews.push_back(c);
  sortByScore(reviews, threads);
  for (const auto& c : reviews) {
    if (leftTo[c.left] >= 0 || rightTo[c.right] >= 0) continue;
    leftTo[c.left] = static_cast<std::int32_t>(c.right);
    rightTo[c.right] = static_cast<std::int32_t>(c.left);
    result.links.push_back({c.left, c.right, c.score, Decision::kReview, c.pass});
  }

  stageDone("duplicates_reviews");
  // Duplicates among records no other source knows: compare unlinked records within a side.
  auto withinSide = [&](const RecordTable& t, Side side, const std::vector<std::int32_t>& linkedTo,
                        const std::vector<std::uint8_t>* dup) {
    std::vector<std::uint32_t> rest;
    for (std::uint32_t i = 0; i < t.size(); ++i)
      if (linkedTo[i] < 0 && !(dup && (*dup)[i])) rest.push_back(i);
    FlatIndex idx = indexBlocks(t, rest, freq);
    std::vector<std::uint8_t> taken(t.size(), 0);
    std::vector<std::uint32_t> seen;
    for (std::uint32_t i : rest) {
      if (taken[i]) continue;
      seen.clear();
      forEachBlockKey(t, i, freq, [&](std::uint64_t k) {
        auto block = idx.find(k);
        if (block.size() > kMaxBlock) return;
        for (std::uint32_t j : block) {
          if (j <= i || taken[j] || std::find(seen.begin(), seen.end(), j) != seen.end()) continue;
          seen.push_back(j);
          PairScore s = scorePair(t, j, t, i, freq, matchAt);
          ++comparisons;
          if (s.total >= matchAt && s.namesCompatible()) {
            taken[j] = 1;
            result.duplicates.push_back({side, j, i, s.total});
          }
        }
      });
    }
    return taken;
  };
  auto leftDup = withinSide(left, Side::kLeft, leftTo, &duplicate);
  auto rightDup = withinSide(right, Side::kRight, rightTo, nullptr);

  stageDone("within_side");
  result.leftLinked.assign(left.size(), 0);
  result.rightLinked.assign(right.size(), 0);
  for (std::uint32_t l = 0; l < left.size(); ++l)
    result.leftLinked[l] = leftTo[l] >= 0 || duplicate[l] || leftDup[l];
  for (std::uint32_t r = 0; r < right.size(); ++r)
    result.rightLinked[r] = rightTo[r] >= 0 || rightDup[r];
  // Links in left order. A left record has at most one link (match, duplicate or review), so
  // placing each at its left index is one linear pass instead of a sort.
  std::vector<std::int32_t> linkOf(left.size(), -1);
  for (std::size_t i = 0; i < result.links.size(); ++i)
    linkOf[result.links[i].left] = static_cast<std::int32_t>(i);
  std::vector<Link> ordered;
  ordered.reserve(result.links.size());
  for (const std::int32_t i : linkOf)
    if (i >= 0) ordered.push_back(result.links[static_cast<std::size_t>(i)]);
  if (ordered.size() == result.links.size())
    result.links.swap(ordered);
  else  // not expected; keep every link rather than trust the shortcut
    std::sort(result.links.begin(), result.links.end(),
              [](const Link& a, const Link& b) { return a.left < b.left; });
  stageDone("order_links");
  result.comparisons = comparisons.load();
  result.nameFrequency = std::move(frequency);
  return result;
}

}  // namespace sinkron::mappings

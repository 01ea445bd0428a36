#pragma once
// Token bucket: `rate` tokens per second, at most `burst` saved up. The caller waits on a timer
// for waitFor() when take() says no (never sleeps).
#include <algorithm>
#include <chrono>

namespace sinkron::connectors::http::detail {

class TokenBucket {
 public:
  using Clock = std::chrono::steady_clock;
  TokenBucket(double ratePerSecond, double burst)
      : rate_(ratePerSecond), burst_(std::max(1.0, burst)), tokens_(burst_) {}

  bool unlimited() const { return rate_ <= 0; }
  // Takes one token if there is one.
  bool take(Clock::time_point now) {
    if (unlimited()) return true;
    refill(now);
    if (tokens_ < 1.0) return false;
    tokens_ -= 1.0;
    return true;
  }
  // How long until a token is available.
  std::chrono::microseconds waitFor(Clock::time_point now) {
    refill(now);
    if (unlimited() || tokens_ >= 1.0) return std::chrono::microseconds(0);
    return std::chrono::microseconds(static_cast<long long>((1.0 - tokens_) / rate_ * 1e6) + 1);
  }

 private:
  void refill(Clock::time_point now) {
    if (last_ != Clock::time_point{}) {
      double seconds = std::chrono::duration<double>(now - last_).count();
      tokens_ = std::min(burst_, tokens_ + seconds * rate_);
    }
    last_ = now;
  }
  double rate_, burst_, tokens_;
  Clock::time_point last_{};
};

}  // namespace sinkron::connectors::http::detail

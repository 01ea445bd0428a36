#include "run_progress_view.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "display_format.hpp"
#include "messages.hpp"

namespace sinkron::daemon::cli {

std::string progressBar(long long done, long long total, int width) {
  if (total <= 0) return "[" + std::string(static_cast<std::size_t>(width), '?') + "]     ";
  const double f = std::clamp(static_cast<double>(done) / static_cast<double>(total), 0.0, 1.0);
  const int filled = static_cast<int>(f * width + 0.5);
  return fmt::format("[{}{}] {:>3}%", std::string(static_cast<std::size_t>(filled), '#'),
                     std::string(static_cast<std::size_t>(width - filled), '-'),
                     static_cast<int>(f * 100));
}

void RunProgressView::clearBar() {
  if (!barShown_) return;
  std::fputs("\r\033[K", out_);
  barShown_ = false;
}

void RunProgressView::drawBar(const rapidjson::Value& p) {
  const long long done = jsonInt(p, "done").value_or(0);
  const long long total = jsonInt(p, "total").value_or(0);
  const double rate = jsonNumber(p, "rate_per_s").value_or(0);
  const double eta = jsonNumber(p, "eta_s").value_or(-1);
  std::string line =
      fmt::format("{} {}  {}", progressBar(done, total, 24), jsonText(p, "step"),
                  total > 0 ? fmt::format("{}/{}", done, total) : std::to_string(done));
  if (rate > 0) line += "  " + say("progress.rate", fmt::format("{:.0f}", rate));
  if (eta >= 0) line += "  " + say("progress.eta", duration(eta));
  std::fputs(("\r\033[K" + line).c_str(), out_);
  std::fflush(out_);
  barShown_ = true;
}

void RunProgressView::update(const rapidjson::Value& run) {
  if (run.HasMember("steps") && run["steps"].IsArray()) {
    for (const auto& s : run["steps"].GetArray()) {
      const std::string step = jsonText(s, "step"), status = jsonText(s, "status");
      if (status == "running" || status.empty() || reported_.count(step)) continue;
      reported_.insert(step);
      auto started = jsonInt(s, "started_at_ms"), finished = jsonInt(s, "finished_at_ms");
      std::string took =
          started && finished ? duration(static_cast<double>(*finished - *started) / 1000.0) : "-";
      std::string detail = jsonText(s, "detail");
      clearBar();
      std::fputs((say("progress.step_done", step, statusWord(status), took) +
                  (detail.empty() ? "" : "  " + detail) + "\n")
                     .c_str(),
                 out_);
    }
  }
  if (terminal_ && run.HasMember("progress") && run["progress"].IsObject())
    drawBar(run["progress"]);
  std::fflush(out_);
}

void RunProgressView::finish() {
  clearBar();
  std::fflush(out_);
}

}  // namespace sinkron::daemon::cli

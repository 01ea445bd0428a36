#pragma once
// How a followed run is shown on stderr: on a terminal one progress line redrawn in place
// (step, done/total, rate, ETA), elsewhere one line per finished step.
#include <rapidjson/document.h>

#include <cstdio>
#include <set>
#include <string>

namespace sinkron::daemon::cli {

class RunProgressView {
 public:
  RunProgressView(std::FILE* out, bool terminal) : out_(out), terminal_(terminal) {}
  // `run` is the "run" object of GET /api/v1/runs/{id}.
  void update(const rapidjson::Value& run);
  void finish();  // ends a drawn bar's line

 private:
  void drawBar(const rapidjson::Value& progress);
  void clearBar();
  std::FILE* out_;
  bool terminal_;
  bool barShown_ = false;
  std::set<std::string> reported_;  // steps already printed as finished
};

// "[########------------]  40%" for done/total; total 0 draws an unknown-size bar.
std::string progressBar(long long done, long long total, int width);

}  // namespace sinkron::daemon::cli

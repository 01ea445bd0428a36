#pragma once
// The only sink the daemon installs: formats each record itself (text or JSON, ids masked) and
// ignores set_pattern()/set_formatter(), so no caller can switch the masking off.
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>

#include <spdlog/sinks/base_sink.h>

#include "sinkron/process/logging.hpp"

namespace sinkron::process {

class MaskingLineSink final : public spdlog::sinks::base_sink<std::mutex> {
 public:
  static Result<std::shared_ptr<MaskingLineSink>> open(const LogOptions& options);
  ~MaskingLineSink() override;

  Status reopen();

 protected:
  void sink_it_(const spdlog::details::log_msg& msg) override;
  void flush_() override {}
  void set_pattern_(const std::string&) override {}
  void set_formatter_(std::unique_ptr<spdlog::formatter>) override {}

 private:
  MaskingLineSink(LogOptions::Format format, bool toStderr,
                  std::optional<std::filesystem::path> file, int fileFd);

  LogOptions::Format format_;
  bool toStderr_;
  std::optional<std::filesystem::path> file_;
  int fileFd_ = -1;
};

}  // namespace sinkron::process

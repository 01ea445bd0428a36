#include "masking_line_sink.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string_view>

#include "sinkron/process/log_format.hpp"

namespace sinkron::process {
namespace {

Result<int> openAppend(const std::filesystem::path& path) {
  // 0600: log lines carry names and other personal data even with ids masked.
  int fd = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) return Error::io("log file " + path.string() + ": " + std::strerror(errno));
  return fd;
}

// One write(2) per line: with O_APPEND a line is never interleaved with another process's.
void writeAll(int fd, std::string_view text) {
  std::size_t done = 0;
  int attempts = 0;
  while (done < text.size() && attempts++ < 64) {
    ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;  // a full disk or closed stderr must not take the daemon down
    done += static_cast<std::size_t>(n);
  }
}

}  // namespace

Result<std::shared_ptr<MaskingLineSink>> MaskingLineSink::open(const LogOptions& options) {
  int fd = -1;
  if (options.file) {
    auto opened = openAppend(*options.file);
    if (!opened) return opened.error();
    fd = *opened;
  }
  return std::shared_ptr<MaskingLineSink>(
      new MaskingLineSink(options.format, options.toStderr, options.file, fd));
}

MaskingLineSink::MaskingLineSink(LogOptions::Format format, bool toStderr,
                                 std::optional<std::filesystem::path> file, int fileFd)
    : format_(format), toStderr_(toStderr), file_(std::move(file)), fileFd_(fileFd) {}

MaskingLineSink::~MaskingLineSink() {
  if (fileFd_ >= 0) ::close(fileFd_);
}

Status MaskingLineSink::reopen() {
  if (!file_) return {};
  auto opened = openAppend(*file_);
  if (!opened) return opened.error();
  std::lock_guard<std::mutex> lock(mutex_);
  if (fileFd_ >= 0) ::close(fileFd_);
  fileFd_ = *opened;
  return {};
}

void MaskingLineSink::sink_it_(const spdlog::details::log_msg& msg) {
  LogLine line{msg.time, msg.level,
               std::string_view(msg.logger_name.data(), msg.logger_name.size()),
               std::string_view(msg.payload.data(), msg.payload.size())};
  std::string text =
      format_ == LogOptions::Format::kJson ? formatJsonLine(line) : formatTextLine(line);
  if (toStderr_) writeAll(STDERR_FILENO, text);
  if (fileFd_ >= 0) writeAll(fileFd_, text);
}

}  // namespace sinkron::process

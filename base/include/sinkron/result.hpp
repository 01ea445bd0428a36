#pragma once
// Result<T>: the error vocabulary at every module boundary. Exceptions stay inside a module;
// what crosses it is a value or an Error whose message a person can act on.
#include <string>
#include <utility>
#include <variant>

namespace sinkron {

enum class ErrorCode {
  kInvalidArgument,  // bad option, bad config value
  kNotFound,         // file, column, field or record missing
  kParse,            // malformed input (CSV, JSON, YAML, dates, ids)
  kIo,               // read/write failure
  kUnsupported,
  kUnavailable,  // a remote system failed or could not be reached (after retries)
  kRejected,     // a remote system refused the request (4xx, business rule)
  kInternal,
};

struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string message;  // "where: what (hint)" — names the file, line, field or URL
  long httpStatus = 0;  // for errors from an HTTP answer: its status (0 = not an HTTP answer)

  static Error invalid(std::string m) { return {ErrorCode::kInvalidArgument, std::move(m)}; }
  static Error notFound(std::string m) { return {ErrorCode::kNotFound, std::move(m)}; }
  static Error parse(std::string m) { return {ErrorCode::kParse, std::move(m)}; }
  static Error io(std::string m) { return {ErrorCode::kIo, std::move(m)}; }
  static Error internal(std::string m) { return {ErrorCode::kInternal, std::move(m)}; }
  static Error unsupported(std::string m) { return {ErrorCode::kUnsupported, std::move(m)}; }
  static Error unavailable(std::string m, long status = 0) {
    return {ErrorCode::kUnavailable, std::move(m), status};
  }
  static Error rejected(std::string m, long status = 0) {
    return {ErrorCode::kRejected, std::move(m), status};
  }
};

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::in_place_index<0>, std::move(value)) {}  // NOLINT: implicit by design
  Result(Error error) : v_(std::in_place_index<1>, std::move(error)) {}  // NOLINT

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  const Error& error() const { return std::get<1>(v_); }

  T valueOr(T fallback) const& { return ok() ? value() : std::move(fallback); }

 private:
  std::variant<T, Error> v_;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : error_(std::move(error)), ok_(false) {}  // NOLINT

  bool ok() const { return ok_; }
  explicit operator bool() const { return ok_; }
  const Error& error() const { return error_; }

 private:
  Error error_;
  bool ok_ = true;
};

using Status = Result<void>;

}  // namespace sinkron

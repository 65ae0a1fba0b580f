// A secret config value (passwords). Written in YAML as plain text, "${env:NAME}" or
// "${file:/path}"; resolved at load time. The value is reachable only through Reveal(), for code
// that must hand it to a subprocess; everything that prints a config uses Display(), which never
// shows the value.
#pragma once

#include <string>

namespace mlpipe::config {

class Secret {
 public:
  Secret() = default;
  Secret(std::string value, std::string reference)
      : value_(std::move(value)), reference_(std::move(reference)) {}

  bool empty() const { return value_.empty(); }
  const std::string& Reveal() const { return value_; }
  // "******" for any non-empty secret, "" when unset. References are not shown either: the file
  // path or variable name is harmless, but one rule everywhere is easier to audit.
  std::string Display() const { return value_.empty() ? "" : "******"; }
  // How it was given: "${env:NAME}", "${file:/path}" or "inline"; for diagnostics only.
  const std::string& reference() const { return reference_; }

 private:
  std::string value_;
  std::string reference_;
};

}  // namespace mlpipe::config

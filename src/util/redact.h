// Keeping secrets out of output: which config keys hold secrets, and a Redactor that masks known
// secret values in any text (logs, spark-submit command lines, error messages) as "******".
// A Redactor is immutable after setup; Redact() is safe to call from several threads.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace mlpipe {

inline constexpr std::string_view kRedactedText = "******";

// True when `key` names a secret: contains, case-insensitively, "secret", "password", "token",
// "credential", or "access" + at most one character + "key" (accesskey, access_key, access.key).
bool IsSecretKey(std::string_view key);

// True when a setting holds a secret: its key names one (IsSecretKey), or its value does by its
// content (a JDBC URL with "password=", a "token=" query). Such a value is masked in every output
// and travels to spark-submit in the private properties file, never on the command line.
bool IsSecretSetting(std::string_view key, std::string_view value);

class Redactor {
 public:
  // Registers a secret value; empty strings are ignored.
  void Add(std::string secret);
  // `text` with every occurrence of every registered secret replaced by "******" (longest first,
  // so a secret that contains another is masked whole).
  std::string Redact(std::string_view text) const;

 private:
  std::vector<std::string> secrets_;  // sorted longest first
};

}  // namespace mlpipe

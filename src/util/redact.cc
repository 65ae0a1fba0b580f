#include "util/redact.h"

#include <algorithm>

#include "util/strings.h"

namespace mlpipe {

bool IsSecretKey(std::string_view key) {
  const std::string k = ToLower(key);
  for (std::string_view word : {"secret", "password", "token", "credential"}) {
    if (k.find(word) != std::string::npos) return true;
  }
  for (size_t pos = k.find("access"); pos != std::string::npos; pos = k.find("access", pos + 1)) {
    const std::string_view rest = std::string_view(k).substr(pos + 6);
    if (StartsWith(rest, "key") || (rest.size() >= 4 && rest.substr(1, 3) == "key")) return true;
  }
  return false;
}

bool IsSecretSetting(std::string_view key, std::string_view value) {
  return IsSecretKey(key) || IsSecretKey(value);
}

void Redactor::Add(std::string secret) {
  if (secret.empty()) return;
  if (std::find(secrets_.begin(), secrets_.end(), secret) != secrets_.end()) return;
  const auto pos = std::find_if(secrets_.begin(), secrets_.end(),
                                [&](const std::string& s) { return s.size() < secret.size(); });
  secrets_.insert(pos, std::move(secret));
}

std::string Redactor::Redact(std::string_view text) const {
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    const auto hit = std::find_if(secrets_.begin(), secrets_.end(), [&](const std::string& s) {
      return text.compare(i, s.size(), s) == 0;
    });
    if (hit != secrets_.end()) {
      out += kRedactedText;
      i += hit->size();
    } else {
      out += text[i++];
    }
  }
  return out;
}

}  // namespace mlpipe

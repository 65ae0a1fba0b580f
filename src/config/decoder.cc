#include "config/decoder.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>

#include "config/secret_resolver.h"
#include "config/units.h"
#include "util/strings.h"

namespace mlpipe::config {

void Decoder::Error(const SourceLocation& where, std::string_view message) {
  errors_.push_back(where.ToString() + ": " + std::string(message));
}

void Decoder::AddMessage(std::string message) { errors_.push_back(std::move(message)); }

std::optional<SourceLocation> Decoder::WhereWritten(const std::string& path) const {
  auto it = written_.find(path);
  if (it == written_.end()) return std::nullopt;
  return it->second;
}

std::optional<int64_t> ParseInteger(std::string_view text) {
  int64_t v = 0;
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, v);
  if (text.empty() || ec != std::errc() || ptr != end) return std::nullopt;
  return v;
}

std::optional<double> ParseNumber(std::string_view text) {
  double v = 0;
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, v);
  if (text.empty() || ec != std::errc() || ptr != end || !std::isfinite(v)) return std::nullopt;
  return v;
}

std::optional<bool> ParseBool(std::string_view text) {
  const std::string t = ToLower(text);
  if (t == "true" || t == "yes" || t == "on") return true;
  if (t == "false" || t == "no" || t == "off") return false;
  return std::nullopt;
}

std::string FormatNumber(double v) {
  char buf[32];
  auto [ptr, ec] = std::to_chars(buf, buf + sizeof(buf), v);
  std::string out(buf, ptr);
  if (out.find_first_of(".eEn") == std::string::npos) out += ".0";
  return out;
}

Section::Section(Decoder& decoder, const ConfigNode* node, std::string path)
    : decoder_(decoder), path_(std::move(path)) {
  if (node == nullptr || node->IsNull()) return;
  if (!node->IsMap()) {
    decoder_.Error(node->where,
                   path_ + ": expected a map of keys, got " + std::string(KindName(node->kind)));
    return;
  }
  map_ = node;
}

std::string Section::PathOf(std::string_view key) const {
  return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
}

const ConfigNode* Section::Get(std::string_view key) {
  known_.emplace_back(key);
  if (map_ == nullptr) return nullptr;
  const ConfigNode* node = map_->Find(key);
  if (node == nullptr || node->IsNull()) return nullptr;
  decoder_.Note(PathOf(key), node->where);
  return node;
}

void Section::WrongValue(const ConfigNode& node, std::string_view key, std::string_view expected) {
  const std::string got =
      node.IsScalar() ? "'" + node.scalar + "'" : std::string(KindName(node.kind));
  decoder_.Error(node.where, PathOf(key) + ": expected " + std::string(expected) + ", got " + got);
}

const ConfigNode* Section::Scalar(std::string_view key, std::string_view expected) {
  const ConfigNode* node = Get(key);
  if (node == nullptr || node->IsScalar()) return node;
  WrongValue(*node, key, expected);
  return nullptr;
}

void Section::String(std::string_view key, std::string& out) {
  if (const ConfigNode* n = Scalar(key, "a string")) out = n->scalar;
}

void Section::Choice(std::string_view key, std::string& out,
                     const std::vector<std::string>& allowed) {
  const ConfigNode* n = Scalar(key, "one of " + Join(allowed, ", "));
  if (n == nullptr) return;
  if (std::find(allowed.begin(), allowed.end(), n->scalar) == allowed.end()) {
    decoder_.Error(n->where, PathOf(key) + ": '" + n->scalar + "' is not one of " +
                                 Join(allowed, ", ") + DidYouMeanSuffix(n->scalar, allowed));
    return;
  }
  out = n->scalar;
}

void Section::Int64(std::string_view key, int64_t& out, int64_t min) {
  const ConfigNode* n = Scalar(key, "an integer");
  if (n == nullptr) return;
  const std::optional<int64_t> v = ParseInteger(n->scalar);
  if (!v) return WrongValue(*n, key, "an integer");
  if (*v < min) {
    return decoder_.Error(
        n->where, PathOf(key) + ": must be >= " + std::to_string(min) + ", got " + n->scalar);
  }
  out = *v;
}

void Section::Int(std::string_view key, int& out, int64_t min) {
  int64_t v = out;
  Int64(key, v, min);
  if (v > INT32_MAX) {
    return decoder_.Error(map_->Find(key)->where, PathOf(key) + ": " + std::to_string(v) +
                                                      " is too large (at most 2147483647)");
  }
  out = static_cast<int>(v);
}

void Section::OptionalInt(std::string_view key, std::optional<int>& out, int64_t min) {
  int v = out.value_or(static_cast<int>(min));
  const bool written = map_ != nullptr && map_->Find(key) != nullptr && !map_->Find(key)->IsNull();
  Int(key, v, min);
  if (written) out = v;
}

void Section::Uint64(std::string_view key, uint64_t& out) {
  int64_t v = static_cast<int64_t>(out);
  Int64(key, v, 0);
  out = static_cast<uint64_t>(v);
}

void Section::Double(std::string_view key, double& out) {
  const ConfigNode* n = Scalar(key, "a number");
  if (n == nullptr) return;
  const std::optional<double> v = ParseNumber(n->scalar);
  if (!v) return WrongValue(*n, key, "a number");
  out = *v;
}

void Section::Bool(std::string_view key, bool& out) {
  const ConfigNode* n = Scalar(key, "true or false");
  if (n == nullptr) return;
  const std::optional<bool> v = ParseBool(n->scalar);
  if (!v) return WrongValue(*n, key, "true or false");
  out = *v;
}

void Section::StringList(std::string_view key, std::vector<std::string>& out) {
  const ConfigNode* n = Get(key);
  if (n == nullptr) return;
  if (!n->IsSequence()) return WrongValue(*n, key, "a list of strings");
  std::vector<std::string> values;
  for (const ConfigNode& item : n->items) {
    if (!item.IsScalar()) {
      decoder_.Error(item.where,
                     PathOf(key) + ": expected a string, got " + std::string(KindName(item.kind)));
      continue;
    }
    values.push_back(item.scalar);
  }
  out = std::move(values);
}

void Section::MemorySize(std::string_view key, std::string& out) {
  const ConfigNode* n = Scalar(key, "a memory size such as 8g");
  if (n == nullptr) return;
  Result<int64_t> bytes = ParseMemorySize(n->scalar);
  if (!bytes.ok()) return decoder_.Error(n->where, PathOf(key) + ": " + bytes.status().message());
  if (*bytes == 0) return decoder_.Error(n->where, PathOf(key) + ": must be more than 0 bytes");
  out = n->scalar;
}

void Section::OptionalMemoryBytes(std::string_view key, std::optional<int64_t>& out) {
  std::string text;
  MemorySize(key, text);
  if (!text.empty()) out = ParseMemorySize(text).ValueOr(0);
}

void Section::SecretValue(std::string_view key, Secret& out) {
  const ConfigNode* n = Get(key);
  if (n == nullptr) return;
  if (!n->IsScalar()) {
    return decoder_.Error(n->where, PathOf(key) +
                                        ": expected a string, ${env:NAME} or ${file:/path}, got " +
                                        std::string(KindName(n->kind)));
  }
  Result<Secret> secret = ResolveSecret(n->scalar, n->where, PathOf(key));
  if (!secret.ok()) return decoder_.AddMessage(secret.status().message());
  out = std::move(secret).value();
}

void Section::SparkKeys(std::map<std::string, std::string>& out) {
  if (map_ == nullptr) return;
  for (const MapEntry& e : map_->entries) {
    if (!StartsWith(e.key, "spark.")) continue;
    known_.push_back(e.key);
    const bool empty_part = e.key.ends_with('.') || e.key.find("..") != std::string::npos;
    const bool bad_char = std::any_of(e.key.begin(), e.key.end(), [](char c) {
      return c == '=' || std::isspace(static_cast<unsigned char>(c)) ||
             std::iscntrl(static_cast<unsigned char>(c));
    });
    if (empty_part || bad_char) {
      decoder_.Error(e.key_where, PathOf(e.key) + ": '" + e.key + "' is not a Spark property name" +
                                      (empty_part ? " (a dot-separated part is empty)"
                                                  : " (no spaces, '=' or control characters)") +
                                      "; write e.g. spark.sql.shuffle.partitions");
      continue;
    }
    if (e.value.IsScalar()) {
      out[e.key] = e.value.scalar;
      decoder_.Note(PathOf(e.key), e.value.where);
    } else if (!e.value.IsNull()) {
      decoder_.Error(e.value.where, PathOf(e.key) + ": expected a string, number or boolean, got " +
                                        std::string(KindName(e.value.kind)));
    }
  }
}

void Section::Finish(std::string_view hint_when_unmatched) {
  if (map_ == nullptr) return;
  for (const MapEntry& e : map_->entries) {
    if (std::find(known_.begin(), known_.end(), e.key) != known_.end()) continue;
    std::string hint = DidYouMeanSuffix(e.key, known_);
    if (hint.empty()) {
      hint = hint_when_unmatched.empty() ? "; known keys: " + Join(known_, ", ")
                                         : std::string(hint_when_unmatched);
    }
    decoder_.Error(e.key_where, "unknown key '" + e.key + "' in " +
                                    (path_.empty() ? "the top level" : path_) + hint);
  }
}

}  // namespace mlpipe::config

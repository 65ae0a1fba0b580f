// Internal to config/: turns a merged ConfigNode tree into JobConfig fields while collecting every
// error (with file:line:col) instead of stopping at the first, so one load reports all problems.
// A Section reads one YAML map; each accessor both reads a key and declares it known, and Finish()
// reports the keys nobody asked for, with a did-you-mean among the known ones.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/job_config.h"
#include "config/yaml_tree.h"

namespace mlpipe::config {

class Decoder {
 public:
  void Error(const SourceLocation& where, std::string_view message);
  // A message that already starts with its location.
  void AddMessage(std::string message);
  const std::vector<std::string>& errors() const { return errors_; }
  // Remembers where the value at dotted `path` was written, for checks across fields.
  void Note(const std::string& path, const SourceLocation& where) { written_[path] = where; }
  // Where `path` was written, or nullopt when it kept its default.
  std::optional<SourceLocation> WhereWritten(const std::string& path) const;
  const std::map<std::string, SourceLocation>& written() const { return written_; }

 private:
  std::vector<std::string> errors_;
  std::map<std::string, SourceLocation> written_;
};

class Section {
 public:
  // `node` may be null (section absent) or YAML null (section empty); anything but a map is an
  // error.
  Section(Decoder& decoder, const ConfigNode* node, std::string path);

  bool present() const { return map_ != nullptr; }
  const std::string& path() const { return path_; }
  Decoder& decoder() { return decoder_; }
  // "<path>.<key>", or just the key at the top level (empty path).
  std::string PathOf(std::string_view key) const;

  // The value under `key` (nullptr when absent or null), declaring `key` known.
  const ConfigNode* Get(std::string_view key);
  // Scalar readers: absent or null keeps `out`; a wrong type is an error naming the key.
  void String(std::string_view key, std::string& out);
  void Choice(std::string_view key, std::string& out, const std::vector<std::string>& allowed);
  void Int(std::string_view key, int& out, int64_t min);
  void Int64(std::string_view key, int64_t& out, int64_t min);
  void OptionalInt(std::string_view key, std::optional<int>& out, int64_t min);
  void Uint64(std::string_view key, uint64_t& out);
  void Double(std::string_view key, double& out);
  void Bool(std::string_view key, bool& out);
  void StringList(std::string_view key, std::vector<std::string>& out);
  void MemorySize(std::string_view key, std::string& out);
  void OptionalMemoryBytes(std::string_view key, std::optional<int64_t>& out);
  void SecretValue(std::string_view key, Secret& out);
  // Reads every `spark.*` key of this map into `out`; other unknown keys stay unknown.
  void SparkKeys(std::map<std::string, std::string>& out);

  // Reports keys never read, each with its location and a did-you-mean (else `hint_when_unmatched`,
  // else the list of known keys).
  void Finish(std::string_view hint_when_unmatched = "");

 private:
  // The scalar text under `key`, or nullptr (absent/null, or wrong kind: error recorded).
  const ConfigNode* Scalar(std::string_view key, std::string_view expected);
  void WrongValue(const ConfigNode& node, std::string_view key, std::string_view expected);

  Decoder& decoder_;
  const ConfigNode* map_ = nullptr;
  std::string path_;
  std::vector<std::string> known_;
};

// Strict scalar conversions shared by the decoders; nullopt when `text` is not of that type.
std::optional<int64_t> ParseInteger(std::string_view text);
std::optional<double> ParseNumber(std::string_view text);
std::optional<bool> ParseBool(std::string_view text);
// Shortest text that reads back as the same double ("0.2", "1e-05", "3.0" keeps a decimal point).
std::string FormatNumber(double v);

// Section decoders, one per top-level key.
void DecodeEnvironment(Section& s, EnvironmentConfig& out);
void DecodeSpark(Section& s, SparkConfig& out);
void DecodeJobSpecific(Section& s, std::map<JobType, JobTypeConfig>& out);
void DecodeModel(Section& s, ModelConfig& out);
void DecodeData(Section& s, DataConfig& out);
void DecodeSecurity(Section& s, SecurityConfig& out);
void DecodeLimits(Section& s, ResourceLimits& out);
// The feature_pipeline list (data_config.feature_pipeline).
void DecodeFeaturePipeline(Decoder& d, const ConfigNode& list, std::vector<StepSpec>& out);
// The rules across sections, run after every section decoded: resources and their limits
// (config/resources.h); folds spark_config's resource properties into its named keys.
void CheckResources(Decoder& d, JobConfig& config);

}  // namespace mlpipe::config

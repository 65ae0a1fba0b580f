#include "config/loader.h"

#include <algorithm>

#include "config/decoder.h"
#include "config/merge.h"
#include "config/yaml_reader.h"
#include "util/fs.h"
#include "util/strings.h"

namespace mlpipe::config {
namespace {

// Reads `path` and, first, the file it `extends` (recursively), merged; appends every file read to
// `files`, base first. `chain` holds the files being extended, to detect cycles.
Result<ConfigNode> LoadWithExtends(const std::string& path, std::vector<std::string>& chain,
                                   std::vector<std::string>& files) {
  std::error_code ec;
  const std::string canonical = fs::weakly_canonical(path, ec).string();
  if (std::find(chain.begin(), chain.end(), canonical) != chain.end()) {
    chain.push_back(canonical);
    return Status::ConfigError("config files extend each other in a cycle: " + Join(chain, " -> ") +
                               "; remove one of the extends: lines");
  }
  MLPIPE_ASSIGN_OR_RETURN(ConfigNode node, ReadYamlFile(path));
  const auto ext = std::find_if(node.entries.begin(), node.entries.end(),
                                [](const MapEntry& e) { return e.key == "extends"; });
  if (ext == node.entries.end()) {
    files.push_back(path);
    return node;
  }
  if (!ext->value.IsScalar() || ext->value.scalar.empty()) {
    return Status::ConfigError(ext->value.where.ToString() +
                               ": extends: expected the path of another config file");
  }
  fs::path base_path(ext->value.scalar);
  if (base_path.is_relative()) base_path = fs::path(path).parent_path() / base_path;
  const std::string where = ext->value.where.ToString();
  node.entries.erase(ext);
  chain.push_back(canonical);
  Result<ConfigNode> base = LoadWithExtends(base_path.string(), chain, files);
  chain.pop_back();
  if (!base.ok()) {
    const Status& st = base.status();
    return st.code() == StatusCode::kNotFound ? st.WithContext(where + ": extends") : st;
  }
  files.push_back(path);
  ConfigNode merged = std::move(base).value();
  MergeInto(merged, std::move(node));
  return merged;
}

JobConfig Decode(const ConfigNode& root, Decoder& d) {
  JobConfig config;
  Section top(d, &root, "");
  Section environment(d, top.Get("environment_config"), "environment_config");
  DecodeEnvironment(environment, config.environment);
  Section spark(d, top.Get("spark_config"), "spark_config");
  DecodeSpark(spark, config.spark);
  Section jobs(d, top.Get("job_specific_config"), "job_specific_config");
  DecodeJobSpecific(jobs, config.job_specific);
  Section model(d, top.Get("model_config"), "model_config");
  DecodeModel(model, config.model);
  Section data(d, top.Get("data_config"), "data_config");
  DecodeData(data, config.data);
  Section security(d, top.Get("security_config"), "security_config");
  DecodeSecurity(security, config.security);
  Section limits(d, top.Get("resource_limits"), "resource_limits");
  DecodeLimits(limits, config.limits);
  top.Finish();
  CheckResources(d, config);
  return config;
}

}  // namespace

Result<JobConfig> LoadJobConfig(const LoadOptions& options) {
  if (options.files.empty()) {
    return Status::InvalidArgument("no config file given; pass one with -c job_config.yaml");
  }
  ConfigNode root;
  root.kind = ConfigNode::Kind::kMap;
  std::vector<std::string> files;
  for (const std::string& file : options.files) {
    std::vector<std::string> chain;
    MLPIPE_ASSIGN_OR_RETURN(ConfigNode node, LoadWithExtends(file, chain, files));
    MergeInto(root, std::move(node));
  }
  for (const std::string& assignment : options.overrides) {
    MLPIPE_RETURN_NOT_OK(ApplyOverride(root, assignment));
  }
  Decoder decoder;
  JobConfig config = Decode(root, decoder);
  if (!decoder.errors().empty()) return Status::ConfigError(Join(decoder.errors(), "\n"));
  config.source_files = std::move(files);
  config.written_at = decoder.written();
  return config;
}

}  // namespace mlpipe::config

#include "cli/app_args.h"

#include <map>

#include "util/strings.h"

namespace mlpipe::cli {

namespace {

using config::JobType;

// app-arg -> config key(s), per job type. An arg mapped to two keys gets "/training" and
// "/validation" appended (data processing writes both).
const std::map<std::string, std::vector<std::string>>& ArgTable(JobType type) {
  static const std::map<JobType, std::map<std::string, std::vector<std::string>>> kTable = {
      {JobType::kDataProcessing,
       {{"--input-path", {"data_config.raw_data_path"}},
        {"--output-path", {"data_config.training_data_path", "data_config.validation_data_path"}}}},
      {JobType::kTraining,
       {{"--input-path", {"data_config.training_data_path"}},
        {"--model-name", {"model_config.model_name"}}}},
      {JobType::kPrediction,
       {{"--input-path", {"data_config.prediction_input_path"}},
        {"--output-path", {"data_config.predictions_output_path"}},
        {"--model-name", {"model_config.model_name"}},
        {"--model-version", {"model_config.model_version"}}}},
      {JobType::kEvaluation,
       {{"--input-path", {"data_config.evaluation_data_path"}},
        {"--model-name", {"model_config.model_name"}},
        {"--model-version", {"model_config.model_version"}}}},
  };
  return kTable.at(type);
}

}  // namespace

std::string QuoteYaml(std::string_view value) {
  std::string out = "\"";
  for (char c : value) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

Result<std::vector<std::string>> SplitArgs(std::string_view text) {
  std::vector<std::string> out;
  std::string cur;
  bool in_token = false;
  char quote = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quote) {
      if (c == quote) {
        quote = 0;
      } else if (c == '\\' && quote == '"' && i + 1 < text.size()) {
        cur += text[++i];
      } else {
        cur += c;
      }
    } else if (c == '\'' || c == '"') {
      quote = c;
      in_token = true;
    } else if (c == '\\' && i + 1 < text.size()) {
      cur += text[++i];
      in_token = true;
    } else if (c == ' ' || c == '\t' || c == '\n') {
      if (in_token) out.push_back(std::move(cur));
      cur.clear();
      in_token = false;
    } else {
      cur += c;
      in_token = true;
    }
  }
  if (quote)
    return Status::InvalidArgument("--app-args: unterminated quote in '" + std::string(text) + "'");
  if (in_token) out.push_back(std::move(cur));
  return out;
}

Result<std::vector<std::string>> AppArgsToOverrides(config::JobType type,
                                                    std::string_view app_args) {
  MLPIPE_ASSIGN_OR_RETURN(auto tokens, SplitArgs(app_args));
  const auto& table = ArgTable(type);
  std::vector<std::string> names;
  for (const auto& [name, keys] : table) names.push_back(name);
  std::vector<std::string> overrides;
  for (size_t i = 0; i < tokens.size(); ++i) {
    std::string name = tokens[i];
    std::string value;
    if (auto eq = name.find('='); eq != std::string::npos && StartsWith(name, "--")) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
    } else if (i + 1 < tokens.size()) {
      value = tokens[++i];
    } else {
      return Status::InvalidArgument("--app-args: '" + name + "' needs a value");
    }
    auto it = table.find(name);
    if (it == table.end()) {
      return Status::InvalidArgument("--app-args: '" + name + "' is not accepted by " +
                                     std::string(config::JobTypeName(type)) + " jobs" +
                                     DidYouMeanSuffix(name, names) +
                                     "; accepted: " + Join(names, ", "));
    }
    if (it->second.size() == 1) {
      overrides.push_back(it->second[0] + "=" + QuoteYaml(value));
    } else {
      overrides.push_back(it->second[0] + "=" + QuoteYaml(value + "/training"));
      overrides.push_back(it->second[1] + "=" + QuoteYaml(value + "/validation"));
    }
  }
  return overrides;
}

}  // namespace mlpipe::cli

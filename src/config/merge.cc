#include "config/merge.h"

#include <string>
#include <vector>

#include "util/strings.h"

namespace mlpipe::config {
namespace {

std::vector<std::string> OverridePath(std::string_view key) {
  if (StartsWith(key, "spark.")) return {"spark_config", std::string(key)};
  std::vector<std::string> path;
  while (!key.empty()) {
    if (StartsWith(key, "spark.")) {
      path.emplace_back(key);
      break;
    }
    const size_t dot = key.find('.');
    path.emplace_back(key.substr(0, dot));
    if (dot == std::string_view::npos) break;
    key.remove_prefix(dot + 1);
  }
  return path;
}

ConfigNode ScalarFromText(std::string_view text) {
  ConfigNode node;  // located at "<command line>" (empty file)
  const bool quoted = text.size() >= 2 && (text.front() == '"' || text.front() == '\'') &&
                      text.back() == text.front();
  if (quoted) text = text.substr(1, text.size() - 2);
  if (!quoted && (text.empty() || text == "~" || text == "null")) return node;
  node.kind = ConfigNode::Kind::kScalar;
  node.scalar = std::string(text);
  node.quoted = quoted;
  return node;
}

}  // namespace

void MergeInto(ConfigNode& base, ConfigNode overlay) {
  if (!base.IsMap() || !overlay.IsMap()) {
    base = std::move(overlay);
    return;
  }
  for (MapEntry& e : overlay.entries) {
    if (ConfigNode* existing = base.Find(e.key)) {
      MergeInto(*existing, std::move(e.value));
    } else {
      base.entries.push_back(std::move(e));
    }
  }
}

Status ApplyOverride(ConfigNode& root, std::string_view assignment) {
  const size_t eq = assignment.find('=');
  const std::string_view key = Trim(assignment.substr(0, eq));
  if (eq == std::string_view::npos || key.empty()) {
    return Status::InvalidArgument("override '" + std::string(assignment) +
                                   "' must be key=value, e.g. spark_config.num_executors=20");
  }
  const std::vector<std::string> path = OverridePath(key);
  ConfigNode* node = &root;
  std::string walked;
  for (size_t i = 0; i < path.size(); ++i) {
    if (path[i].empty()) {
      return Status::InvalidArgument("override key '" + std::string(key) + "' has an empty part");
    }
    if (node->IsNull()) node->kind = ConfigNode::Kind::kMap;
    if (!node->IsMap()) {
      return Status::InvalidArgument("override '" + std::string(key) + "': " + walked +
                                     " is not a map, so it has no key '" + path[i] + "'");
    }
    walked += (walked.empty() ? "" : ".") + path[i];
    ConfigNode* child = node->Find(path[i]);
    if (child == nullptr) {
      node->entries.push_back(MapEntry{path[i], SourceLocation{}, ConfigNode{}});
      child = &node->entries.back().value;
    }
    node = child;
  }
  *node = ScalarFromText(assignment.substr(eq + 1));
  return Status::OK();
}

}  // namespace mlpipe::config

#include "config/yaml_tree.h"

namespace mlpipe::config {

const ConfigNode* ConfigNode::Find(std::string_view key) const {
  for (const MapEntry& e : entries) {
    if (e.key == key) return &e.value;
  }
  return nullptr;
}

ConfigNode* ConfigNode::Find(std::string_view key) {
  for (MapEntry& e : entries) {
    if (e.key == key) return &e.value;
  }
  return nullptr;
}

std::vector<std::string> ConfigNode::Keys() const {
  std::vector<std::string> keys;
  keys.reserve(entries.size());
  for (const MapEntry& e : entries) keys.push_back(e.key);
  return keys;
}

std::string_view KindName(ConfigNode::Kind kind) {
  switch (kind) {
    case ConfigNode::Kind::kNull:
      return "null";
    case ConfigNode::Kind::kScalar:
      return "a scalar";
    case ConfigNode::Kind::kMap:
      return "a map";
    case ConfigNode::Kind::kSequence:
      return "a list";
  }
  return "?";
}

}  // namespace mlpipe::config

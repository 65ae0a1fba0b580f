// ConfigNode: a YAML document as a plain tree whose every node and map key remembers the
// file:line:col it was written at, so values merged from several files and command-line overrides
// still report their own origin. Built by yaml_reader.h; only scalars, maps and sequences exist
// (anchors and aliases are rejected while reading).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "config/source_location.h"

namespace mlpipe::config {

struct MapEntry;

struct ConfigNode {
  enum class Kind { kNull, kScalar, kMap, kSequence };
  Kind kind = Kind::kNull;
  std::string scalar;             // kScalar: the text as written (quotes removed)
  bool quoted = false;            // kScalar: written in quotes, so never a number, bool or null
  std::vector<MapEntry> entries;  // kMap, in file order, keys unique
  std::vector<ConfigNode> items;  // kSequence
  SourceLocation where;

  bool IsNull() const { return kind == Kind::kNull; }
  bool IsScalar() const { return kind == Kind::kScalar; }
  bool IsMap() const { return kind == Kind::kMap; }
  bool IsSequence() const { return kind == Kind::kSequence; }
  // The value stored under `key`, or nullptr. REQUIRES: IsMap() (returns nullptr otherwise).
  const ConfigNode* Find(std::string_view key) const;
  ConfigNode* Find(std::string_view key);
  // Every key of a map, in order.
  std::vector<std::string> Keys() const;
};

struct MapEntry {
  std::string key;
  SourceLocation key_where;
  ConfigNode value;
};

// "map", "list", "scalar" or "null": for "expected X, got Y" messages.
std::string_view KindName(ConfigNode::Kind kind);

}  // namespace mlpipe::config

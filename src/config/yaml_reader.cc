#include "config/yaml_reader.h"

#include <yaml-cpp/anchor.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <optional>
#include <sstream>
#include <system_error>
#include <vector>

#include "util/fs.h"
#include "util/strings.h"

namespace mlpipe::config {
namespace {

bool IsNullText(std::string_view s) {
  return s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL";
}

// Builds the tree from yaml-cpp parse events; every error is recorded and parsing goes on.
class TreeBuilder : public YAML::EventHandler {
 public:
  explicit TreeBuilder(std::string file) : file_(std::move(file)) {}

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    CheckAnchor(mark, anchor);
    ConfigNode n;
    n.where = Loc(mark);
    Attach(std::move(n));
  }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t) override {
    Error(mark, "YAML aliases are not supported; write the value out in full");
    ConfigNode n;
    n.where = Loc(mark);
    Attach(std::move(n));
  }
  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    CheckAnchor(mark, anchor);
    ConfigNode n;
    n.where = Loc(mark);
    n.quoted = tag == "!" || EndsWith(tag, ":str");
    if (n.quoted || !IsNullText(value)) {
      n.kind = ConfigNode::Kind::kScalar;
      n.scalar = value;
    }
    Attach(std::move(n));
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    Open(mark, anchor, ConfigNode::Kind::kSequence);
  }
  void OnSequenceEnd() override { Close(); }
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    Open(mark, anchor, ConfigNode::Kind::kMap);
  }
  void OnMapEnd() override { Close(); }

  void Error(const YAML::Mark& mark, std::string_view message) {
    errors_.push_back(Loc(mark).ToString() + ": " + std::string(message));
  }
  SourceLocation Loc(const YAML::Mark& mark) const {
    if (mark.is_null()) return SourceLocation{file_, 0, 0};
    return SourceLocation{file_, mark.line + 1, mark.column + 1};
  }
  bool has_root() const { return has_root_; }
  ConfigNode& root() { return root_; }
  const std::vector<std::string>& errors() const { return errors_; }

 private:
  struct Frame {
    ConfigNode node;
    std::optional<MapEntry> pending;  // map key read, value not yet
  };

  void CheckAnchor(const YAML::Mark& mark, YAML::anchor_t anchor) {
    if (anchor != YAML::NullAnchor) {
      Error(mark, "YAML anchors (&name) are not supported; write the value out in full");
    }
  }
  void Open(const YAML::Mark& mark, YAML::anchor_t anchor, ConfigNode::Kind kind) {
    CheckAnchor(mark, anchor);
    if (static_cast<int>(stack_.size()) == kMaxConfigDepth) {
      Error(mark, "nesting deeper than " + std::to_string(kMaxConfigDepth) + " levels");
    }
    Frame f;
    f.node.kind = kind;
    f.node.where = Loc(mark);
    stack_.push_back(std::move(f));
  }
  void Close() {
    ConfigNode done = std::move(stack_.back().node);
    stack_.pop_back();
    Attach(std::move(done));
  }
  void Attach(ConfigNode n) {
    if (stack_.empty()) {
      root_ = std::move(n);
      has_root_ = true;
      return;
    }
    Frame& top = stack_.back();
    if (top.node.IsSequence()) {
      top.node.items.push_back(std::move(n));
    } else if (!top.pending) {
      if (!n.IsScalar()) {
        errors_.push_back(n.where.ToString() + ": map keys must be plain text");
      } else if (top.node.Find(n.scalar) != nullptr) {
        errors_.push_back(n.where.ToString() + ": duplicate key '" + n.scalar + "'");
      }
      top.pending = MapEntry{n.scalar, n.where, ConfigNode{}};
    } else {
      top.pending->value = std::move(n);
      if (top.node.Find(top.pending->key) == nullptr)
        top.node.entries.push_back(*std::move(top.pending));
      top.pending.reset();
    }
  }

  std::string file_;
  std::vector<Frame> stack_;
  ConfigNode root_;
  bool has_root_ = false;
  std::vector<std::string> errors_;
};

}  // namespace

Result<ConfigNode> ParseYaml(std::string_view text, const std::string& file) {
  std::istringstream in{std::string(text)};
  TreeBuilder builder(file);
  try {
    YAML::Parser parser(in);
    if (parser.HandleNextDocument(builder)) {
      TreeBuilder extra(file);
      if (parser.HandleNextDocument(extra)) {
        builder.Error(YAML::Mark::null_mark(), "more than one YAML document ('---'); use one");
      }
    }
  } catch (const YAML::Exception& e) {
    builder.Error(e.mark, "YAML syntax error: " + e.msg);
  }
  if (!builder.errors().empty()) return Status::ConfigError(Join(builder.errors(), "\n"));
  ConfigNode& root = builder.root();
  if (!builder.has_root() || root.IsNull()) {
    ConfigNode empty;
    empty.kind = ConfigNode::Kind::kMap;
    empty.where = SourceLocation{file, 1, 1};
    return empty;
  }
  if (!root.IsMap()) {
    return Status::ConfigError(root.where.ToString() +
                               ": the top level must be a map of sections such as spark_config:");
  }
  return std::move(root);
}

Result<ConfigNode> ReadYamlFile(const std::string& path) {
  std::error_code ec;
  const auto size = fs::file_size(path, ec);
  if (ec) {
    if (!PathExists(path)) {
      return Status::NotFound("config file '" + path +
                              "' not found; pass the right file with -c <path>");
    }
    return Status::IOError("cannot read config file '" + path + "': " + ec.message());
  }
  if (size > static_cast<uintmax_t>(kMaxConfigFileBytes)) {
    return Status::ConfigError("config file '" + path + "' is " + std::to_string(size) +
                               " bytes; the limit is 1 MiB (a job config is a few KiB)");
  }
  MLPIPE_ASSIGN_OR_RETURN(std::string text, ReadFile(path));
  return ParseYaml(text, path);
}

}  // namespace mlpipe::config

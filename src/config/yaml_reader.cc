#include "config/yaml_reader.h"

#include <yaml-cpp/anchor.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <cctype>
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

// The raw text of the quoted scalar starting at text[open] (the quote), through its closing quote
// or to the end of the text when it has none.
std::string_view QuotedSpan(std::string_view text, size_t open) {
  const char quote = text[open];
  for (size_t i = open + 1; i < text.size(); ++i) {
    if (quote == '"' && text[i] == '\\') {
      ++i;
    } else if (text[i] == quote) {
      if (quote == '\'' && i + 1 < text.size() && text[i + 1] == '\'') {
        ++i;  // '' is a quote inside single quotes
        continue;
      }
      return text.substr(open, i - open + 1);
    }
  }
  return text.substr(open);
}

// For a line that reads as "key:", "key: value" or a list item (what a quoted value swallows when
// its closing quote is missing): "'key:'" or "a list item", never the value, which may be a secret.
std::optional<std::string> YamlEntryName(std::string_view line) {
  const size_t start = line.find_first_not_of(" \t");
  if (start == std::string_view::npos) return std::nullopt;
  line = line.substr(start);
  if (line.starts_with("- ")) return "a list item";
  size_t i = 0;
  while (i < line.size() && (std::isalnum(static_cast<unsigned char>(line[i])) || line[i] == '_' ||
                             line[i] == '.' || line[i] == '-')) {
    ++i;
  }
  const bool is_key = i > 0 && i < line.size() && line[i] == ':' &&
                      (i + 1 == line.size() || line[i + 1] == ' ' || line[i + 1] == '\t');
  if (!is_key) return std::nullopt;
  return "'" + std::string(line.substr(0, i + 1)) + "'";
}

// Builds the tree from yaml-cpp parse events; every error is recorded and parsing goes on.
class TreeBuilder : public YAML::EventHandler {
 public:
  TreeBuilder(std::string file, std::string_view text) : file_(std::move(file)), text_(text) {}

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
    if (n.quoted) CheckQuoteClosed(mark);
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

  void Error(const YAML::Mark& mark, std::string_view message) { ErrorAt(Loc(mark), message); }
  void ErrorAt(const SourceLocation& where, std::string_view message) {
    errors_.push_back(where.ToString() + ": " + std::string(message));
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

  // yaml-cpp folds everything up to the next quote (or the end of the file) into a value whose
  // closing quote is missing, so the keys after it silently vanish. A quoted value may span lines,
  // but not lines that read as config entries, and it must be closed.
  void CheckQuoteClosed(const YAML::Mark& mark) {
    const auto open = static_cast<size_t>(mark.pos);
    if (mark.is_null() || open >= text_.size() || (text_[open] != '"' && text_[open] != '\'')) {
      return;
    }
    const std::string_view span = QuotedSpan(text_, open);
    const bool closed = span.size() > 1 && span.back() == text_[open];
    int line = mark.line + 1;
    for (std::string_view rest = span; rest.find('\n') != std::string_view::npos;) {
      rest = rest.substr(rest.find('\n') + 1);
      ++line;
      const std::string_view text = rest.substr(0, rest.find('\n'));
      if (const std::optional<std::string> entry = YamlEntryName(text)) {
        Error(mark, "this quoted value runs on to line " + std::to_string(line) + " (" + *entry +
                        "): its closing quote is missing; close it on line " +
                        std::to_string(mark.line + 1));
        return;
      }
    }
    if (!closed) Error(mark, "the quote opened here is never closed; add the closing quote");
  }
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
  std::string_view text_;
  std::vector<Frame> stack_;
  ConfigNode root_;
  bool has_root_ = false;
  std::vector<std::string> errors_;
};

}  // namespace

Result<ConfigNode> ParseYaml(std::string_view text, const std::string& file) {
  std::istringstream in{std::string(text)};
  TreeBuilder builder(file, text);
  try {
    YAML::Parser parser(in);
    if (parser.HandleNextDocument(builder)) {
      TreeBuilder extra(file, text);
      if (parser.HandleNextDocument(extra)) {
        builder.ErrorAt(extra.root().where,
                        "a second YAML document starts here ('---', or text back at the left "
                        "margin after the top level ended); a job config is one map of sections");
      }
    }
  } catch (const YAML::Exception& e) {
    builder.Error(e.mark, "YAML syntax error: " + e.msg);
  }
  ConfigNode& root = builder.root();
  if (!builder.errors().empty()) {
    if (builder.has_root() && !root.IsNull() && !root.IsMap()) {
      builder.ErrorAt(root.where, "the top level must be a map of sections such as spark_config:");
    }
    return Status::ConfigError(Join(builder.errors(), "\n"));
  }
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
  Result<std::string> text = ReadRegularFile(path, static_cast<size_t>(kMaxConfigFileBytes));
  if (text.ok()) return ParseYaml(*text, path);
  switch (text.status().code()) {
    case StatusCode::kNotFound:
      return Status::NotFound("config file '" + path +
                              "' not found; pass the right file with -c <path>");
    case StatusCode::kInvalidArgument:
      return Status::ConfigError("config file " + text.status().message() +
                                 " (a job config is a few KiB); pass a YAML file with -c <path>");
    default:
      return Status::IOError("cannot read config file '" + path + "': " + text.status().message());
  }
}

}  // namespace mlpipe::config

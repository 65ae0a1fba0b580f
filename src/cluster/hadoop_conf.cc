#include "cluster/hadoop_conf.h"

#include <pwd.h>
#include <tinyxml2.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include "util/strings.h"

namespace mlpipe::cluster {
namespace {

constexpr int kMaxSubstitutions = 20;  // Hadoop's Configuration stops at the same depth

std::string EnvOr(const char* name, std::string fallback = "") {
  const char* v = std::getenv(name);
  return v && *v ? std::string(v) : std::move(fallback);
}

std::string LoginUserName() {
  if (std::string user = EnvOr("USER"); !user.empty()) return user;
  const passwd* pw = ::getpwuid(::geteuid());
  return pw && pw->pw_name ? pw->pw_name : "";
}

Status ParseSiteFile(const std::string& file, std::map<std::string, std::string>& properties) {
  tinyxml2::XMLDocument doc;
  if (doc.LoadFile(file.c_str()) != tinyxml2::XML_SUCCESS) {
    return Status::ConfigError(file + ":" + std::to_string(doc.ErrorLineNum()) +
                               ": malformed Hadoop configuration: " + doc.ErrorStr());
  }
  const tinyxml2::XMLElement* root = doc.FirstChildElement("configuration");
  if (!root) return Status::ConfigError(file + ": no <configuration> element");
  for (auto* p = root->FirstChildElement("property"); p; p = p->NextSiblingElement("property")) {
    const auto* name = p->FirstChildElement("name");
    if (!name || !name->GetText()) continue;
    const auto* value = p->FirstChildElement("value");
    const char* text = value ? value->GetText() : nullptr;
    properties[std::string(Trim(name->GetText()))] = std::string(Trim(text ? text : ""));
  }
  return Status::OK();
}

bool IsDir(const std::string& path) {
  std::error_code ec;
  return std::filesystem::is_directory(path, ec);
}

}  // namespace

std::string HadoopUserName() { return EnvOr("HADOOP_USER_NAME", LoginUserName()); }

Result<HadoopConf> HadoopConf::LoadDir(const std::string& dir) {
  std::error_code ec;
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    const std::string name = entry.path().filename().string();
    if (EndsWith(name, "-site.xml") && entry.is_regular_file())
      files.push_back(entry.path().string());
  }
  if (ec)
    return Status::IOError("cannot read Hadoop configuration directory '" + dir +
                           "': " + ec.message());
  std::sort(files.begin(), files.end());
  HadoopConf conf;
  conf.dir_ = dir;
  for (const auto& file : files) MLPIPE_RETURN_NOT_OK(ParseSiteFile(file, conf.properties_));
  return conf;
}

Result<std::string> HadoopConf::FindConfDir(const std::string& configured_dir) {
  if (!configured_dir.empty()) {
    if (IsDir(configured_dir)) return configured_dir;
    return Status::NotFound("Hadoop configuration directory '" + configured_dir +
                            "' (from environment_config: hadoop_conf_dir, yarn_conf_dir or "
                            "hadoop_home) does not exist");
  }
  for (const char* var : {"HADOOP_CONF_DIR", "YARN_CONF_DIR"}) {
    const std::string dir = EnvOr(var);
    if (dir.empty()) continue;
    if (IsDir(dir)) return dir;
    return Status::NotFound(
        std::string(var) + "='" + dir +
        "' is not a directory; point it at the cluster's "
        "Hadoop configuration (the directory holding core-site.xml and yarn-site.xml)");
  }
  if (const std::string home = EnvOr("HADOOP_HOME"); !home.empty() && IsDir(home + "/etc/hadoop")) {
    return home + "/etc/hadoop";
  }
  return Status::NotFound(
      "no Hadoop configuration directory: set HADOOP_CONF_DIR (or YARN_CONF_DIR, or HADOOP_HOME) "
      "to the "
      "directory holding the cluster's core-site.xml and yarn-site.xml, or "
      "environment_config.hadoop_conf_dir");
}

std::optional<std::string> HadoopConf::Get(const std::string& key) const {
  const auto it = properties_.find(key);
  if (it == properties_.end()) return std::nullopt;
  std::string value = it->second;
  size_t pos = 0;
  for (int substitutions = 0; substitutions < kMaxSubstitutions;) {
    const size_t open = value.find("${", pos);
    if (open == std::string::npos) break;
    const size_t close = value.find('}', open + 2);
    if (close == std::string::npos) break;
    const std::string var = value.substr(open + 2, close - open - 2);
    std::optional<std::string> replacement;
    if (StartsWith(var, "env.")) {
      if (const char* env = std::getenv(var.c_str() + 4)) replacement = env;
    } else if (const auto found = properties_.find(var); found != properties_.end()) {
      replacement = found->second;
    } else if (var == "user.name") {
      replacement = LoginUserName();
    }
    if (!replacement) {  // left as written, as Hadoop does
      pos = close + 1;
      continue;
    }
    value.replace(open, close - open + 1, *replacement);
    pos = open;  // the replacement may hold references itself
    ++substitutions;
  }
  return value;
}

}  // namespace mlpipe::cluster

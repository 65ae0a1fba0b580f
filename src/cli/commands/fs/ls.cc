// `mlpipe fs ls [-R] [PATH]...`: like `hdfs dfs -ls`: mode, replication, owner, group, size,
// modification time (local time zone) and path; --output json for scripts.
#include <fmt/format.h>

#include <cstdlib>
#include <ctime>
#include <nlohmann/json.hpp>
#include <ostream>

#include "cli/commands/fs/fs_common.h"
#include "cli/exit_codes.h"
#include "util/command_names.h"
#include "util/fs.h"
#include "util/log.h"
#include "util/strings.h"

namespace mlpipe::cli {
namespace {

struct Entry {
  std::string path;
  util::FileStatus status;
};

// "drwxr-xr-x" from "755" (a leading sticky digit "1777" gives "…t").
std::string ModeString(const std::string& octal, bool is_dir) {
  std::string out(1, is_dir ? 'd' : '-');
  const int bits = static_cast<int>(std::strtol(octal.c_str(), nullptr, 8));
  for (int shift = 6; shift >= 0; shift -= 3) {
    const int v = (bits >> shift) & 7;
    out += (v & 4) ? 'r' : '-';
    out += (v & 2) ? 'w' : '-';
    out += (v & 1) ? 'x' : '-';
  }
  if (bits & 01000) out.back() = (bits & 1) ? 't' : 'T';
  return out;
}

std::string LocalMinute(int64_t epoch_ms) {
  const std::time_t t = static_cast<std::time_t>(epoch_ms / 1000);
  std::tm tm{};
  ::localtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof(buf), "%Y-%m-%d %H:%M", &tm);
  return buf;
}

void PrintText(const std::vector<Entry>& entries, std::ostream& out) {
  size_t owner_w = 0, group_w = 0, size_w = 0;
  for (const auto& e : entries) {
    owner_w = std::max(owner_w, e.status.owner.size());
    group_w = std::max(group_w, e.status.group.size());
    size_w = std::max(size_w, std::to_string(e.status.length).size());
  }
  for (const auto& e : entries) {
    const auto& s = e.status;
    out << fmt::format("{} {:>3} {:<{}} {:<{}} {:>{}} {} {}\n", ModeString(s.permission, s.is_dir),
                       s.is_dir ? "-" : std::to_string(s.replication), s.owner, owner_w, s.group,
                       group_w, s.length, size_w, LocalMinute(s.modification_ms), e.path);
  }
}

nlohmann::json ToJson(const Entry& e) {
  const auto& s = e.status;
  return {{"path", e.path},
          {"type", s.is_dir ? "directory" : "file"},
          {"permission", s.permission},
          {"mode", ModeString(s.permission, s.is_dir)},
          {"owner", s.owner},
          {"group", s.group},
          {"length", s.length},
          {"replication", s.replication},
          {"modification_time", FormatUtcMillis(s.modification_ms)},
          {"modification_ms", s.modification_ms}};
}

// `relative` ("/a/.x.tmp-…/part") is or lies in a job's staging directory.
bool InStaging(const std::string& relative) {
  for (const auto& part : Split(relative, '/')) {
    if (IsStagingName(part)) return true;
  }
  return false;
}

struct Options {
  ConfigFlags config;
  std::vector<std::string> paths;
  bool recursive = false;
  bool all = false;
  OutputFormat output = OutputFormat::kText;
};

CommandResult RunLs(const Options& o, std::ostream& out) {
  MLPIPE_ASSIGN_OR_RETURN(auto session, OpenFs(o.config));
  const auto paths = o.paths.empty() ? std::vector<std::string>{""} : o.paths;
  std::vector<Entry> all;
  for (const auto& arg : paths) {
    const std::string path = session.Resolve(arg);
    std::vector<Entry> entries;
    MLPIPE_ASSIGN_OR_RETURN(auto top, session.files->Stat(path));
    if (!top.is_dir) {
      entries.push_back({path, top});
    } else if (o.recursive) {
      MLPIPE_RETURN_NOT_OK(
          WalkFiles(*session.files, path, true, [&](const std::string& p, const auto& s) {
            if (p != path && (o.all || !InStaging(p.substr(path.size()))))
              entries.push_back({p, s});
            return Status::OK();
          }));
    } else {
      MLPIPE_ASSIGN_OR_RETURN(auto children, session.files->List(path));
      for (auto& child : children) {
        if (o.all || !IsStagingName(child.name))
          entries.push_back({util::ChildPath(path, child.name), std::move(child)});
      }
    }
    if (o.output == OutputFormat::kJson) {
      all.insert(all.end(), entries.begin(), entries.end());
      continue;
    }
    if (top.is_dir && !o.recursive) out << "Found " << entries.size() << " items\n";
    PrintText(entries, out);
  }
  if (o.output == OutputFormat::kJson) {
    nlohmann::json arr = nlohmann::json::array();
    for (const auto& e : all) arr.push_back(ToJson(e));
    out << JsonText(arr) << "\n";
  }
  return kExitSuccess;
}

}  // namespace

void SetupFsLs(CLI::App& fs, int* exit_code) {
  auto opts = std::make_shared<Options>();
  CLI::App* cmd = fs.add_subcommand(std::string(commands::kFsLs),
                                    "List HDFS directories or files (default: the base path)");
  cmd->add_option("path", opts->paths,
                  "HDFS paths; relative ones are under environment_config.hdfs_base_path");
  cmd->add_flag("-R,--recursive", opts->recursive, "List everything below the directories");
  cmd->add_flag("-a,--all", opts->all, "Also list running jobs' hidden staging directories");
  AddConfigFlags(*cmd, opts->config);
  AddOutputFlag(*cmd, opts->output);
  OnRun(*cmd, exit_code, [opts](std::ostream& out) { return RunLs(*opts, out); });
}

}  // namespace mlpipe::cli

// MemoryFileStore: a util::FileStore held in memory for unit tests of code that reads a store (the
// local warehouse or HDFS in production). Directories are implied by the files below them or made
// with Mkdirs; PutFile reads the local file. Owners and permissions are recorded, not enforced.
#pragma once

#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "util/file_store.h"

namespace mlpipe::testing {

class MemoryFileStore final : public util::FileStore {
 public:
  // Adds a file (and its parent directories).
  void Add(const std::string& path, const std::string& content) {
    files_[path] = content;
    for (std::string dir = util::ParentPath(path); dir != "/"; dir = util::ParentPath(dir))
      dirs_.insert(dir);
  }

  std::string Name() const override { return "the in-memory test store"; }
  Result<util::FileStatus> Stat(const std::string& path) override {
    util::FileStatus status;
    if (auto f = files_.find(path); f != files_.end()) {
      status.length = static_cast<int64_t>(f->second.size());
      return status;
    }
    if (path == "/" || dirs_.count(path)) {
      status.is_dir = true;
      return status;
    }
    return Status::NotFound(path + " not found in " + Name());
  }
  Result<std::vector<util::FileStatus>> List(const std::string& path) override {
    MLPIPE_ASSIGN_OR_RETURN(auto status, Stat(path));
    if (!status.is_dir) return Status::InvalidArgument(path + " is a file");
    std::map<std::string, util::FileStatus> children;
    for (const auto& dir : dirs_) {
      if (util::ParentPath(dir) == path) children[util::BaseName(dir)].is_dir = true;
    }
    for (const auto& [file, content] : files_) {
      if (util::ParentPath(file) != path) continue;
      children[util::BaseName(file)].length = static_cast<int64_t>(content.size());
    }
    std::vector<util::FileStatus> out;
    for (auto& [name, child] : children) {
      child.name = name;
      out.push_back(child);
    }
    return out;
  }
  Status Mkdirs(const std::string& path, const std::string& = "") override {
    for (std::string dir = path; dir != "/"; dir = util::ParentPath(dir)) dirs_.insert(dir);
    return Status::OK();
  }
  Status PutFile(const std::string& local_path, const std::string& path, bool overwrite) override {
    if (!overwrite && files_.count(path)) return Status::AlreadyExists(path);
    std::ifstream in(local_path, std::ios::binary);
    std::ostringstream content;
    content << in.rdbuf();
    Add(path, content.str());
    return Status::OK();
  }
  Status GetFile(const std::string& path, const std::string& local_path) override {
    MLPIPE_ASSIGN_OR_RETURN(auto content, ReadString(path));
    std::ofstream(local_path, std::ios::binary) << content;
    return Status::OK();
  }
  Result<std::string> ReadString(const std::string& path) override {
    auto f = files_.find(path);
    if (f == files_.end()) return Status::NotFound(path + " not found in " + Name());
    return f->second;
  }
  Status Delete(const std::string& path, bool) override {
    files_.erase(path);
    dirs_.erase(path);
    return Status::OK();
  }
  Status SetPermission(const std::string&, const std::string&) override { return Status::OK(); }
  Status SetOwner(const std::string&, const std::string&, const std::string&) override {
    return Status::OK();
  }

 private:
  std::map<std::string, std::string> files_;
  std::set<std::string> dirs_;
};

}  // namespace mlpipe::testing

// WarehouseFiles: `mlpipe fs` on the local backend. The warehouse (store/warehouse.h) seen as the
// cluster's HDFS tree: "/ml-pipeline/data/raw/x.csv", "hdfs://namenode:9000/ml-pipeline/…" and
// paths relative to the base path name files under the warehouse root. Paths that resolve outside
// the root (other absolute paths, ".." climbing out, a symlink leading out) are refused: this
// store never touches a file that is not in the warehouse, and never deletes the root itself.
// Files are written to a temporary name and renamed into place.
#pragma once

#include <string>

#include "store/warehouse.h"
#include "util/file_store.h"

namespace mlpipe::store {

class WarehouseFiles final : public util::FileStore {
 public:
  WarehouseFiles(Warehouse warehouse, std::string hdfs_base_path);

  std::string Name() const override;
  Result<util::FileStatus> Stat(const std::string& path) override;
  Result<std::vector<util::FileStatus>> List(const std::string& path) override;
  Status Mkdirs(const std::string& path, const std::string& permission = "") override;
  Status PutFile(const std::string& local_path, const std::string& path, bool overwrite) override;
  Status GetFile(const std::string& path, const std::string& local_path) override;
  Result<std::string> ReadString(const std::string& path) override;
  Status Delete(const std::string& path, bool recursive) override;
  Status SetPermission(const std::string& path, const std::string& octal) override;
  Status SetOwner(const std::string& path, const std::string& owner,
                  const std::string& group) override;

 private:
  // Where `path` lives under the root; InvalidArgument when it is outside the warehouse.
  Result<fs::path> Local(const std::string& path) const;

  Warehouse warehouse_;
  std::string base_;
};

}  // namespace mlpipe::store

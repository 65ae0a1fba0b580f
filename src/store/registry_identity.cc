#include "store/registry_identity.h"

#include <sys/stat.h>

#include <cstdint>
#include <optional>

#include "util/strings.h"

namespace mlpipe::store {
namespace {

struct Recorded {
  std::string registry_id;
  uint64_t inode = 0;  // 0 = not recorded
};

// <db>.id holds "<registry id>\n<inode>\n"; nullopt when there is none.
Result<std::optional<Recorded>> ReadRecorded(const fs::path& id_path) {
  std::error_code ec;
  if (!fs::exists(id_path, ec)) return std::optional<Recorded>();
  MLPIPE_ASSIGN_OR_RETURN(std::string text, ReadFile(id_path));
  const std::vector<std::string> lines = Split(text, '\n');
  Recorded recorded;
  recorded.registry_id = lines.empty() ? "" : std::string(Trim(lines[0]));
  if (lines.size() > 1) recorded.inode = std::strtoull(lines[1].c_str(), nullptr, 10);
  return std::optional<Recorded>(recorded);
}

uint64_t InodeOf(const fs::path& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 ? static_cast<uint64_t>(st.st_ino) : 0;
}

Status Record(const fs::path& db_path, const std::string& registry_id) {
  return WriteFileAtomic(IdentityPath(db_path),
                         registry_id + "\n" + std::to_string(InodeOf(db_path)) + "\n");
}

}  // namespace

fs::path IdentityPath(const fs::path& db_path) { return db_path.string() + ".id"; }

Status CheckIdentityBeforeOpen(const fs::path& db_path) {
  MLPIPE_ASSIGN_OR_RETURN(const std::optional<Recorded> recorded,
                          ReadRecorded(IdentityPath(db_path)));
  if (!recorded) return Status::OK();
  const std::string id_file = IdentityPath(db_path).string();
  std::error_code ec;
  if (!fs::exists(db_path, ec)) {
    return Status::IOError("job registry '" + db_path.string() + "' is missing, but '" + id_file +
                           "' shows this home had one: it was deleted or moved. Put it back, or "
                           "delete '" +
                           id_file +
                           "' to start a new, empty registry (the recorded jobs are forgotten)");
  }
  const bool moved = recorded->inode != 0 && recorded->inode != InodeOf(db_path);
  if (moved && fs::exists(db_path.string() + "-wal", ec)) {
    return Status::IOError(
        "job registry '" + db_path.string() + "' was replaced by another file " +
        "while mlpipe processes still had the old one open (its write-ahead log '" +
        db_path.string() +
        "-wal' is still there). Stop them and put the original "
        "file back, or move the three files and '" +
        id_file + "' aside to start a new, empty registry");
  }
  return Status::OK();
}

Status CheckIdentityAfterOpen(const fs::path& db_path, const std::string& registry_id,
                              bool read_only) {
  if (registry_id.empty()) return Status::OK();
  MLPIPE_ASSIGN_OR_RETURN(const std::optional<Recorded> recorded,
                          ReadRecorded(IdentityPath(db_path)));
  if (recorded && recorded->registry_id != registry_id) {
    const std::string id_file = IdentityPath(db_path).string();
    return Status::IOError(
        "job registry '" + db_path.string() + "' was replaced: it is registry '" + registry_id +
        "' but '" + id_file + "' says this home holds '" + SanitizeText(recorded->registry_id) +
        "'. Put the original file back, or delete '" + id_file + "' to adopt this one");
  }
  const bool up_to_date = recorded && recorded->inode == InodeOf(db_path);
  if (up_to_date || read_only) return Status::OK();
  return Record(db_path, registry_id);
}

}  // namespace mlpipe::store

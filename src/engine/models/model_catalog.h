// What `mlpipe models` lists, read from any store (util::FileStore: the local warehouse, HDFS over
// WebHDFS) with the repository's rules (engine/models/model_repo.h, engine/io/version_names.h):
// <models_dir>/<name>/v<N>/ and the `latest` file beside the versions.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "util/file_store.h"
#include "util/result.h"

namespace mlpipe::engine {

struct ModelSummary {
  std::string name;
  std::vector<int> versions;  // ascending
  std::optional<int> latest;  // what "latest" resolves to (ChooseVersion); none without versions
};

// Every model under `models_dir`, by name. Entries that are not model directories (staging, hidden,
// files) are skipped; a missing `models_dir` holds none. The store's error when it cannot be read.
Result<std::vector<ModelSummary>> ListModels(util::FileStore& files, const std::string& models_dir);

}  // namespace mlpipe::engine

#include "engine/models/model_catalog.h"

#include <algorithm>

#include "engine/io/version_names.h"
#include "engine/models/model_repo.h"

namespace mlpipe::engine {

Result<std::vector<ModelSummary>> ListModels(util::FileStore& files,
                                             const std::string& models_dir) {
  auto entries = files.List(models_dir);
  if (!entries.ok() && entries.status().code() == StatusCode::kNotFound)
    return std::vector<ModelSummary>();
  if (!entries.ok()) return entries.status();
  std::vector<ModelSummary> models;
  for (const auto& entry : *entries) {
    if (!entry.is_dir || !IsModelName(entry.name)) continue;
    ModelSummary model;
    model.name = entry.name;
    const std::string dir = util::ChildPath(models_dir, entry.name);
    MLPIPE_ASSIGN_OR_RETURN(model.versions, VersionsIn(files, dir));
    std::reverse(model.versions.begin(), model.versions.end());
    if (!model.versions.empty()) {
      MLPIPE_ASSIGN_OR_RETURN(auto latest_file,
                              files.ReadIfExists(util::ChildPath(dir, std::string(kLatestFile))));
      MLPIPE_ASSIGN_OR_RETURN(model.latest, ChooseVersion(model.name, model.versions, latest_file,
                                                          "latest", models_dir));
    }
    models.push_back(std::move(model));
  }
  std::sort(models.begin(), models.end(),
            [](const ModelSummary& a, const ModelSummary& b) { return a.name < b.name; });
  return models;
}

}  // namespace mlpipe::engine

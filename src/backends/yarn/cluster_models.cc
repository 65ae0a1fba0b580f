#include "backends/yarn/cluster_models.h"

#include <algorithm>
#include <optional>

#include "engine/io/output_owner.h"
#include "engine/io/version_names.h"
#include "engine/models/model_repo.h"

namespace mlpipe::backends::yarn {

Result<engine::ModelBundle> ReadClusterModelDescription(util::FileStore& hdfs,
                                                        const std::string& models_dir,
                                                        const std::string& name,
                                                        const std::string& requested) {
  const std::string container = models_dir + "/" + name;
  MLPIPE_ASSIGN_OR_RETURN(auto versions, engine::VersionsIn(hdfs, container));
  std::sort(versions.begin(), versions.end());
  MLPIPE_ASSIGN_OR_RETURN(auto latest,
                          hdfs.ReadIfExists(container + "/" + std::string(engine::kLatestFile)));
  MLPIPE_ASSIGN_OR_RETURN(int version,
                          engine::ChooseVersion(name, versions, latest, requested, models_dir));
  const std::string dir = container + "/v" + std::to_string(version);
  MLPIPE_ASSIGN_OR_RETURN(auto pipelines, hdfs.ReadString(dir + "/" + engine::kPipelineFile));
  MLPIPE_ASSIGN_OR_RETURN(auto metadata, hdfs.ReadString(dir + "/" + engine::kMetadataFile));
  return engine::ModelDescriptionFromContents(name, version, dir, pipelines, metadata);
}

}  // namespace mlpipe::backends::yarn

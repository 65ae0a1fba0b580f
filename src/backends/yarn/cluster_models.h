// Models in the cluster's tree, read over WebHDFS: models/<name>/v<N>/ and `latest`, the repository
// engine/models/model_repo.h keeps locally (the same version rule, engine::ChooseVersion), for
// settling runs and for checks at submit.
#pragma once

#include <string>
#include <vector>

#include "engine/jobs/model_bundle.h"
#include "util/file_store.h"
#include "util/result.h"

namespace mlpipe::backends::yarn {

// Model `name`@`requested` ("" / "latest" / "3" / "v3") under HDFS directory `models_dir`, without
// its booster (engine::ModelDescriptionFromContents): what a check of its input needs. NotFound
// naming the versions there when `requested` names none.
Result<engine::ModelBundle> ReadClusterModelDescription(util::FileStore& hdfs,
                                                        const std::string& models_dir,
                                                        const std::string& name,
                                                        const std::string& requested);

}  // namespace mlpipe::backends::yarn

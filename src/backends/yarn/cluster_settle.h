// Settling a yarn job that YARN reports ended without success (its driver killed or lost, or the
// application killed just after the driver had published): as on the local backend
// (engine/jobs/settle.h), its outcome is what its driver published on the cluster's filesystem.
// Published means:
//   data_processing, prediction: an output (or output version) whose _mlpipe_output.json names
//     the application;
//   training: a model version whose metadata.json names the run (the job's tag);
//   evaluation: its metrics file metrics/<model>/v<N>/evaluation-<tag>.json.
// Something published: the job FINISHED, and what the driver left half done is finished (roll
// forward): outputs it had staged and marked are published, `_SUCCESS`, `latest` and the training
// metrics file are written. Nothing published: the job ended as YARN says, and its staging is
// removed (RemoveRunStaging, RemoveModelStaging).
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "backends/yarn/submission.h"
#include "cluster/webhdfs.h"
#include "config/job_config.h"
#include "util/result.h"

namespace mlpipe::backends::yarn {

// One run of a driver on the cluster.
struct ClusterRun {
  config::JobType type = config::JobType::kTraining;
  config::JobConfig resolved;  // the config the driver ran with (cluster URIs)
  ClusterTree tree;
  std::string default_fs;
  std::string app_id;  // YARN's, recorded in output markers
  std::string tag;     // the run id the driver names its model versions and files with
};

// Whether `run` published anything. Reads only.
Result<bool> PublishedAnything(cluster::WebHdfsClient& hdfs, const ClusterRun& run);

// The outputs of `run` (as the driver reports them, with "settled": true) once everything it
// published is complete. REQUIRES: PublishedAnything, the driver has ended, and the caller holds
// the registry's write lock for the job (Registry::FinishPublishing).
Result<nlohmann::json> FinishPublishedRun(cluster::WebHdfsClient& hdfs, const ClusterRun& run);

// Removes the model staging directories run `tag` left in the model's directory (training).
void RemoveModelStaging(cluster::WebHdfsClient& hdfs, const ClusterTree& tree,
                        const std::string& model_name, const std::string& tag);

}  // namespace mlpipe::backends::yarn

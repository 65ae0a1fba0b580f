// Checks of a job's input on the cluster's HDFS before it runs, by the jobs' own rules
// (engine/jobs/data_checks.h, engine::CheckInputFitsModel):
//   - submit, prediction/evaluation: processed input the model cannot take is refused (exit 3);
//   - validate: that check, and for data_processing/training the head of a CSV input (its first
//     256 KiB, with its _mlpipe_pipeline.json) checked locally: target column, feature_pipeline.
//     The split needs the whole target column and is left to the job; so is Parquet input.
#pragma once

#include "backends/yarn/cluster_session.h"
#include "backends/yarn/submission.h"
#include "config/job_config.h"
#include "engine/jobs/data_checks.h"
#include "util/result.h"

namespace mlpipe::backends::yarn {

// For prediction and evaluation on processed data (the input has _mlpipe_pipeline.json):
// ConfigError when the model (pipeline.json, metadata.json under tree's models) cannot take it;
// NotFound when the model does not exist. Raw input and unreadable lineage are left to the job.
Status CheckInputFitsClusterModel(ClusterSession& s, const ClusterTree& tree, config::JobType type,
                                  const config::JobConfig& resolved);

// What `validate` learns of the input `type` reads in `resolved` (cluster URIs); what it cannot
// reach is reported as skipped, problems are a ConfigError.
Result<engine::DataCheckReport> CheckClusterData(ClusterSession& s, const ClusterTree& tree,
                                                 config::JobType type,
                                                 const config::JobConfig& resolved);

}  // namespace mlpipe::backends::yarn

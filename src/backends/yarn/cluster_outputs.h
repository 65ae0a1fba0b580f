// Where a yarn job may write, judged before spark-submit starts: the path rules of
// backends/output_paths.h with the cluster's protected places (the tree's root and areas, the model
// directory, '/', the user's HDFS home), then, with a WebHDFS client, what exists at each output on
// the cluster's filesystem (engine/io/output_owner.h). The drivers judge again when they commit.
#pragma once

#include <string>

#include "backends/yarn/submission.h"
#include "cluster/resource_manager.h"
#include "cluster/webhdfs.h"
#include "config/job_config.h"
#include "engine/io/output_owner.h"
#include "util/result.h"

namespace mlpipe::backends::yarn {

// What exists at HDFS `path` (an absolute path or hdfs:// URI), markers read.
Result<engine::ExistingPath> InspectHdfsPath(cluster::WebHdfsClient& hdfs, const std::string& path);

// ConfigError naming the paths and the rule. `resolved` has cluster URIs (MapDataPaths);
// `hdfs` == nullptr judges the configured paths only (dry run: nothing is asked of the cluster).
Status CheckClusterOutputs(config::JobType type, const config::JobConfig& resolved,
                           const ClusterTree& tree, const std::string& default_fs,
                           const std::string& user, cluster::WebHdfsClient* hdfs);

// The run tag in a hidden ".<x>.tmp-<tag>-<hex>" or ".<x>.old-<tag>-<hex>" name the drivers make
// (python/mlpipe_spark/commit.py); "" for other names.
std::string StagingRunTag(const std::string& entry);

// After run `tag` ended (however it ended): removes the staging directories it left next to its
// outputs on the cluster's filesystem, and puts back an old output a killed commit had set aside
// (python/mlpipe_spark/commit.py). `resolved` is the config the driver ran with (cluster URIs).
// Best effort: what fails now is retried before the next run of the output.
void RemoveRunStaging(cluster::WebHdfsClient& hdfs, config::JobType type,
                      const config::JobConfig& resolved, const std::string& default_fs,
                      const std::string& tag);

// Before a run: the same for every run whose application the ResourceManager reports ended (or no
// longer knows), whoever submitted it; staging of running applications stays.
void RemoveEndedRunsStaging(cluster::WebHdfsClient& hdfs, cluster::ResourceManagerClient& rm,
                            config::JobType type, const config::JobConfig& resolved,
                            const std::string& default_fs);

}  // namespace mlpipe::backends::yarn

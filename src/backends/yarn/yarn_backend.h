// The yarn backend: jobs run as PySpark applications on YARN (cluster deploy mode), with the C++
// engine inside the driver and executors (python/mlpipe_spark). Submission:
//   1. map the config's data paths onto the cluster filesystem and check the job's input exists;
//   2. record the job in the registry (provisional id + unique tag) before anything is submitted;
//   3. upload the engine's environment archive to HDFS once (content-addressed) and run
//      spark-submit with spark.yarn.tags=<tag> and waitAppCompletion=false;
//   4. take the application id from spark-submit's output, else find the tag in the
//      ResourceManager, and re-key the record to it.
// Afterwards everything goes through the ResourceManager, NodeManager and WebHDFS REST APIs.
#pragma once

#include <chrono>
#include <memory>

#include "backends/backend.h"
#include "cluster/resource_manager.h"
#include "util/fs.h"
#include "util/http.h"
#include "util/local_env.h"

namespace mlpipe::backends::yarn {

// Runs a command to completion (spark-submit); an interface so the submission flow is unit-tested.
class CommandRunner {
 public:
  virtual ~CommandRunner() = default;
  // The wait status (see util/process.h RunToCompletion); output appended to `log_file`.
  virtual Result<int> Run(const std::vector<std::string>& argv, const fs::path& log_file,
                          const std::map<std::string, std::string>& env,
                          std::chrono::milliseconds timeout) = 0;
};
std::unique_ptr<CommandRunner> MakeProcessRunner();

struct YarnDeps {
  std::shared_ptr<util::HttpClient> http;
  std::shared_ptr<CommandRunner> runner;
  fs::path share_dir;  // <prefix>/share/mlpipe: spark/drivers/*.py and mlpipe-spark-env.tar.gz
  fs::path
      work_root;  // per-job client files: <work_root>/<tag>/{job_config.yaml, spark-submit.log}
  LocalEnv* env = &SystemEnv();  // waits: for a submitted application's tag, for a kill to end
};

class YarnBackend : public Backend {
 public:
  YarnBackend(store::Registry& registry, YarnDeps deps)
      : registry_(registry), deps_(std::move(deps)) {}

  std::string_view name() const override { return "yarn"; }
  Result<std::string> DryRun(const SubmitRequest& request) override;
  Status CheckOutputs(config::JobType type, const config::JobConfig& config, bool offline) override;
  Result<engine::DataCheckReport> CheckData(config::JobType type,
                                            const config::JobConfig& config) override;
  Result<std::string> Submit(const SubmitRequest& request) override;
  Result<store::JobRecord> Refresh(const store::JobRecord& record) override;
  Result<std::string> Kill(const store::JobRecord& record,
                           const std::string& requested_by) override;
  Result<std::string> Logs(const store::JobRecord& record, int tail_lines) override;

 private:
  store::Registry& registry_;
  YarnDeps deps_;
};

// Every application the cluster's ResourceManager knows (mlpipe's or not), as records, newest
// first.
Result<std::vector<store::JobRecord>> ListClusterApps(const config::JobConfig& config,
                                                      const cluster::AppFilter& filter);

// The production wiring: libcurl, real processes, the share dir next to the mlpipe executable.
std::unique_ptr<Backend> MakeYarnBackend(store::Registry& registry);

}  // namespace mlpipe::backends::yarn

// YarnBackend::DryRun and Submit: from a validated config to a YARN application id.
#include <fmt/format.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <cstdlib>

#include "backends/data_paths.h"
#include "backends/yarn/cluster_data_checks.h"
#include "backends/yarn/cluster_outputs.h"
#include "backends/yarn/cluster_session.h"
#include "backends/yarn/hdfs_paths.h"
#include "backends/yarn/spark_submit.h"
#include "backends/yarn/submission.h"
#include "backends/yarn/yarn_backend.h"
#include "config/loader.h"
#include "util/command_names.h"
#include "util/fs.h"
#include "util/process.h"
#include "util/strings.h"

namespace mlpipe::backends::yarn {

namespace {

constexpr std::string_view kConfigFileName = "job_config.yaml";
constexpr std::string_view kEnvArchiveName = "mlpipe-spark-env.tar.gz";
constexpr auto kSubmitTimeout = std::chrono::minutes(10);

struct Prepared {
  ClusterSession session;
  ClusterTree tree;
  config::JobConfig resolved;  // data paths as cluster URIs
  fs::path driver_script;
};

std::string SparkSubmitPath(const config::EnvironmentConfig& env) {
  if (!env.spark_home.empty()) return (fs::path(env.spark_home) / "bin" / "spark-submit").string();
  if (const char* home = std::getenv("SPARK_HOME"); home && *home) {
    return (fs::path(home) / "bin" / "spark-submit").string();
  }
  return "spark-submit";
}

// NotFound naming the config key when an input on this cluster's filesystem is missing.
Status CheckInputExists(ClusterSession& s, const JobInput& input) {
  if (!input.path.starts_with(s.endpoints.default_fs + "/"))
    return Status::OK();  // another cluster / file://
  MLPIPE_ASSIGN_OR_RETURN(bool exists, s.hdfs->Exists(HdfsPathOf(input.path)));
  if (exists) return Status::OK();
  return Status::NotFound(
      fmt::format("input '{}' ({}) does not exist on HDFS; upload it with {} or fix the path in "
                  "the config",
                  input.path, input.key, commands::Suggest({commands::kFs, commands::kFsPut})));
}

struct ClusterPaths {
  ClusterTree tree;
  config::JobConfig resolved;  // data paths as cluster URIs
};

// The config's mlpipe tree and data paths on the cluster whose filesystem is `default_fs`.
Result<ClusterPaths> MapOntoCluster(const config::JobConfig& config,
                                    const std::string& default_fs) {
  const std::string& base = config.environment.hdfs_base_path;
  MLPIPE_ASSIGN_OR_RETURN(auto resolved, MapDataPaths(config, [&](std::string_view p) {
                            return ResolveClusterUri(p, base, default_fs);
                          }));
  return ClusterPaths{ClusterTree{ClusterRoot(base, default_fs)}, std::move(resolved)};
}

// `contact_cluster` = false (dry run): nothing is asked of the cluster, so a DAG can be checked
// offline.
Result<Prepared> Prepare(const SubmitRequest& request, const YarnDeps& deps, bool contact_cluster) {
  MLPIPE_ASSIGN_OR_RETURN(auto session, ClusterSession::Open(request.config, *deps.http));
  if (session.endpoints.default_fs.empty()) {
    return Status::ConfigError(
        "the yarn backend needs HDFS: set environment_config.namenode_url or HADOOP_CONF_DIR "
        "(core-site.xml "
        "fs.defaultFS)");
  }
  MLPIPE_ASSIGN_OR_RETURN(auto mapped,
                          MapOntoCluster(request.config, session.endpoints.default_fs));
  auto& [tree, resolved] = mapped;
  if (request.is_custom()) {
    if (!PathExists(request.custom_script)) {
      return Status::NotFound("custom job script '" + request.custom_script + "' does not exist");
    }
    return Prepared{std::move(session), std::move(tree), std::move(resolved),
                    request.custom_script};
  }
  if (contact_cluster) {
    RemoveEndedRunsStaging(*session.hdfs, *session.rm, request.type, resolved,
                           session.endpoints.default_fs);
  }
  MLPIPE_RETURN_NOT_OK(CheckClusterOutputs(request.type, resolved, tree,
                                           session.endpoints.default_fs, session.user,
                                           contact_cluster ? session.hdfs.get() : nullptr));
  if (contact_cluster) {
    MLPIPE_RETURN_NOT_OK(CheckInputExists(session, InputOf(request.type, resolved)));
    MLPIPE_RETURN_NOT_OK(CheckInputFitsClusterModel(session, tree, request.type, resolved));
  }
  const fs::path driver = deps.share_dir / "spark" / "drivers" / (request.TypeName() + ".py");
  if (!PathExists(driver)) {
    return Status::NotFound(
        fmt::format("the Spark driver for {} jobs is missing at {}; rebuild mlpipe "
                    "(scripts/build.sh) so its share/mlpipe directory is complete",
                    request.TypeName(), driver.string()));
  }
  return Prepared{std::move(session), std::move(tree), std::move(resolved), driver};
}

SparkLaunch LaunchFor(const SubmitRequest& request, const Prepared& p, const std::string& tag,
                      const fs::path& workdir, const std::string& env_archive_uri) {
  SparkLaunch l;
  l.spark_submit = SparkSubmitPath(p.resolved.environment);
  l.app_resource = p.driver_script.string();
  l.app_arguments = DriverArguments(std::string(kConfigFileName), tag, p.tree);
  l.app_arguments.insert(l.app_arguments.end(), request.script_args.begin(),
                         request.script_args.end());
  l.files = {(workdir / kConfigFileName).string()};
  l.env_archive_uri = env_archive_uri;
  l.secrets_file = (workdir / "secret.properties").string();
  l.tag = tag;
  // The fault-injection seam (util/test_seam.h) follows the job into its driver.
  if (const char* seam = std::getenv("MLPIPE_TEST_DIE_AT"))
    l.driver_env["MLPIPE_TEST_DIE_AT"] = seam;
  return l;
}

// The environment archive on HDFS, uploaded once per content:
// <tree>/artifacts/mlpipe-env/mlpipe-spark-env-<digest>.tar.gz. The build writes the digest next to
// the archive (<archive>.sha256), so submitting does not hash it.
Result<std::string> EnsureEnvArchive(ClusterSession& s, const ClusterTree& tree,
                                     const fs::path& local, const std::string& tag, bool upload) {
  auto digest = ReadFile(local.string() + ".sha256");
  if (!PathExists(local) || !digest.ok() || Trim(*digest).size() < 16) {
    return Status::NotFound("the engine's environment archive (or its .sha256) is missing at " +
                            local.string() + "; rebuild mlpipe (scripts/build.sh)");
  }
  const std::string name =
      "mlpipe-spark-env-" + std::string(Trim(*digest).substr(0, 16)) + ".tar.gz";
  const std::string uri = tree.Area("artifacts") + "/mlpipe-env/" + name;
  if (!upload) return uri;
  const std::string path = HdfsPathOf(uri);
  MLPIPE_ASSIGN_OR_RETURN(bool exists, s.hdfs->Exists(path));
  if (exists) return uri;
  MLPIPE_RETURN_NOT_OK(s.hdfs->Mkdirs(HdfsPathOf(tree.Area("artifacts") + "/mlpipe-env")));
  const std::string staging = path + "." + tag + ".uploading";
  MLPIPE_RETURN_NOT_OK(s.hdfs->PutFile(local.string(), staging, /*overwrite=*/true));
  Status renamed = s.hdfs->Rename(staging, path);
  if (!renamed.ok()) {  // a concurrent submission may have published the same archive first
    (void)s.hdfs->Delete(staging, false);
    MLPIPE_ASSIGN_OR_RETURN(bool now_exists, s.hdfs->Exists(path));
    if (!now_exists) return renamed;
  }
  return uri;
}

Status WritePrivateFile(const fs::path& path, const std::string& text) {
  return WriteFileAtomic(path, text, 0600);  // private from creation: it holds secrets
}

std::map<std::string, std::string> ProcessEnv(const ClusterSession& s,
                                              const config::EnvironmentConfig& env) {
  std::map<std::string, std::string> out;
  if (!s.endpoints.conf_dir.empty()) out["HADOOP_CONF_DIR"] = s.endpoints.conf_dir;
  if (!env.yarn_conf_dir.empty()) out["YARN_CONF_DIR"] = env.yarn_conf_dir;
  if (!env.spark_home.empty()) out["SPARK_HOME"] = env.spark_home;
  if (!env.hadoop_home.empty()) out["HADOOP_HOME"] = env.hadoop_home;
  return out;
}

}  // namespace

Result<std::string> YarnBackend::DryRun(const SubmitRequest& request) {
  MLPIPE_ASSIGN_OR_RETURN(auto p, Prepare(request, deps_, /*contact_cluster=*/false));
  const std::string tag = "mlpipe-<tag assigned at submission>";
  const fs::path workdir = deps_.work_root / "<tag>";
  MLPIPE_ASSIGN_OR_RETURN(
      auto archive, EnsureEnvArchive(p.session, p.tree, deps_.share_dir / kEnvArchiveName, tag,
                                     /*upload=*/false));
  SubmitRequest resolved = request;
  resolved.config = p.resolved;
  const SparkSubmitCommand cmd =
      BuildSparkSubmit(resolved, LaunchFor(request, p, tag, workdir, archive));
  std::string out = fmt::format(
      "# mlpipe dry run: nothing was recorded, uploaded or submitted\n"
      "backend: yarn\njob_type: {}\nname: {}\nuser: {}\nresourcemanager: {}\nnamenode: "
      "{}\nhadoop_conf_dir: {}\n"
      "cluster_root: {}\n# spark-submit command\n",
      request.TypeName(), request.name, p.session.user, Join(p.session.endpoints.rm_web_urls, ","),
      Join(p.session.endpoints.namenode_http_urls, ","),
      p.session.endpoints.conf_dir.empty() ? "-" : p.session.endpoints.conf_dir, p.tree.root);
  out += DisplaySparkSubmit(cmd);
  out += "# job config shipped to the driver (secrets redacted)\n" + config::RenderYaml(p.resolved);
  return out;
}

Result<engine::DataCheckReport> YarnBackend::CheckData(config::JobType type,
                                                       const config::JobConfig& config) {
  auto session = ClusterSession::Open(config, *deps_.http);
  if (!session.ok() || session->endpoints.default_fs.empty()) {
    engine::DataCheckReport report;
    report.skipped.push_back(
        fmt::format("{} input: no cluster to read it from ({})", config::JobTypeName(type),
                    session.ok() ? "no HDFS configured" : session.status().message()));
    return report;
  }
  MLPIPE_ASSIGN_OR_RETURN(auto mapped, MapOntoCluster(config, session->endpoints.default_fs));
  return CheckClusterData(*session, mapped.tree, type, mapped.resolved);
}

Status YarnBackend::CheckOutputs(config::JobType type, const config::JobConfig& config,
                                 bool offline) {
  MLPIPE_ASSIGN_OR_RETURN(auto session, ClusterSession::Open(config, *deps_.http));
  const std::string& default_fs = session.endpoints.default_fs;
  if (default_fs.empty()) return Status::OK();  // submit explains that HDFS is needed
  MLPIPE_ASSIGN_OR_RETURN(auto mapped, MapOntoCluster(config, default_fs));
  return CheckClusterOutputs(type, mapped.resolved, mapped.tree, default_fs, session.user,
                             offline ? nullptr : session.hdfs.get());
}

Result<std::string> YarnBackend::Submit(const SubmitRequest& request) {
  MLPIPE_ASSIGN_OR_RETURN(auto p, Prepare(request, deps_, /*contact_cluster=*/true));
  store::JobRecord draft;
  draft.name = request.name;
  draft.job_type = request.TypeName();
  draft.backend = "yarn";
  draft.queue = request.config.environment.queue;
  draft.user = p.session.user;
  draft.warehouse_root = p.tree.root;
  MLPIPE_ASSIGN_OR_RETURN(store::JobRecord job, registry_.Create(draft));
  const std::string provisional = job.app_id;
  const fs::path workdir = deps_.work_root / job.tag;
  const fs::path log = workdir / "spark-submit.log";
  const fs::path config_file = workdir / kConfigFileName;

  // From here on a failure is recorded on the job, so `mlpipe status` explains it.
  auto fail = [&](const Status& st) -> Status {
    (void)registry_.Transition(provisional, store::JobState::kFailed, store::FinalStatus::kFailed,
                               st.message());
    return st;
  };
  if (Status st = WritePrivateFile(config_file, config::RenderYaml(p.resolved)); !st.ok())
    return fail(st);
  (void)registry_.SetConfigPath(provisional, config_file.string());
  (void)registry_.SetLogPath(provisional, log.string());
  auto archive = EnsureEnvArchive(p.session, p.tree, deps_.share_dir / kEnvArchiveName, job.tag,
                                  /*upload=*/true);
  if (!archive.ok()) return fail(archive.status());

  SubmitRequest resolved = request;
  resolved.config = p.resolved;
  const SparkLaunch launch = LaunchFor(request, p, job.tag, workdir, *archive);
  const SparkSubmitCommand cmd = BuildSparkSubmit(resolved, launch);
  if (!cmd.secret_conf.empty()) {
    if (Status st = WritePrivateFile(launch.secrets_file, PropertiesText(cmd.secret_conf));
        !st.ok()) {
      return fail(st);
    }
  }
  auto wait_status = deps_.runner->Run(cmd.argv, log, ProcessEnv(p.session, p.resolved.environment),
                                       kSubmitTimeout);
  std::error_code ec;
  fs::remove(launch.secrets_file, ec);
  if (!wait_status.ok()) return fail(wait_status.status());

  auto output = ReadFile(log);
  std::optional<std::string> app_id = output.ok() ? FindApplicationId(*output) : std::nullopt;
  const bool exited_ok = WIFEXITED(*wait_status) && WEXITSTATUS(*wait_status) == 0;
  for (int attempt = 0; !app_id && exited_ok && attempt < 10; ++attempt) {
    auto found = p.session.rm->FindByTag(job.tag);
    if (found.ok()) app_id = found->id;
    if (!app_id) deps_.env->SleepFor(std::chrono::seconds(1));
  }
  if (!app_id) {
    const std::string tail = output.ok() ? TailLines(*output, 15) : output.status().message();
    return fail(Status::Unavailable(
        fmt::format("spark-submit {} without submitting an application (no application id in its "
                    "output, none tagged {} "
                    "in the ResourceManager); its output is in {}; last lines:\n{}",
                    DescribeWaitStatus(*wait_status), job.tag, log.string(), tail)));
  }
  MLPIPE_RETURN_NOT_OK(registry_.AdoptAppId(provisional, *app_id));
  if (auto adopted = registry_.Get(*app_id); adopted.ok()) (void)Refresh(*adopted);
  return *app_id;
}

}  // namespace mlpipe::backends::yarn

// `mlpipe list`: mlpipe's jobs from the registry, newest first, refreshed from their backends; with
// --all, every application the cluster's ResourceManager knows (`yarn application -list`).
#include <ostream>

#include "backends/backend.h"
#include "backends/yarn/yarn_backend.h"
#include "cli/commands/commands.h"
#include "cli/common.h"
#include "cli/exit_codes.h"
#include "cli/job_view.h"
#include "util/command_names.h"
#include "util/fs.h"
#include "util/strings.h"

namespace mlpipe::cli {

namespace {

struct ListOptions {
  std::vector<std::string> states;
  std::string job_type;
  std::string name;
  std::string queue, user;
  bool all = false;
  ConfigFlags config;
  int limit = 50;
  OutputFormat output = OutputFormat::kText;
};

CommandResult Print(const ListOptions& o, const std::vector<store::JobRecord>& jobs,
                    std::ostream& out) {
  if (o.output == OutputFormat::kJson) {
    nlohmann::json arr = nlohmann::json::array();
    for (const auto& job : jobs) arr.push_back(JobToJson(job));
    out << JsonText(arr) << "\n";
  } else {
    out << JobTable(jobs);
  }
  return kExitSuccess;
}

// --all: straight from the ResourceManager of the cluster the config (or HADOOP_CONF_DIR) names.
CommandResult ListCluster(const ListOptions& o, const std::vector<store::JobState>& states,
                          std::ostream& out) {
  cluster::AppFilter filter;
  for (auto s : states) {
    // NEW_SAVING, SUBMITTED are YARN's; mlpipe's SUBMITTED covers NEW and NEW_SAVING too.
    if (s == store::JobState::kSubmitted)
      filter.states.insert(filter.states.end(), {"NEW", "NEW_SAVING"});
    filter.states.emplace_back(store::JobStateName(s));
  }
  filter.queue = o.queue;
  filter.user = o.user;
  filter.limit = o.limit;
  config::JobConfig cfg;
  if (!o.config.files.empty() || PathExists(ConfigFilesOrDefault(o.config).front())) {
    MLPIPE_ASSIGN_OR_RETURN(cfg, LoadConfig(o.config));
  }
  MLPIPE_ASSIGN_OR_RETURN(std::vector<store::JobRecord> apps,
                          backends::yarn::ListClusterApps(cfg, filter));
  std::vector<store::JobRecord> shown;
  for (auto& app : apps) {
    if (!o.job_type.empty() && ToLower(app.job_type) != ToLower(o.job_type)) continue;
    if (!o.name.empty() && app.name.find(o.name) == std::string::npos) continue;
    shown.push_back(std::move(app));
  }
  return Print(o, shown, out);
}

CommandResult RunList(const ListOptions& o, std::ostream& out) {
  store::ListFilter filter;
  for (const auto& group : o.states) {
    for (const auto& s : Split(group, ',')) {
      MLPIPE_ASSIGN_OR_RETURN(const store::JobState state, store::ParseJobState(Trim(s)));
      filter.states.push_back(state);
    }
  }
  if (o.all) return ListCluster(o, filter.states, out);
  filter.job_type = o.job_type;
  filter.name_contains = o.name;
  filter.queue = o.queue;
  filter.user = o.user;
  filter.limit = o.limit;
  MLPIPE_ASSIGN_OR_RETURN(const auto registry, OpenRegistry());
  MLPIPE_ASSIGN_OR_RETURN(std::vector<store::JobRecord> jobs, registry->List(filter));
  for (auto& job : jobs) {
    auto backend = backends::BackendFor(job, *registry);
    if (!backend.ok()) continue;  // a job of a backend this build lacks is listed as recorded
    if (auto fresh = (*backend)->Refresh(job); fresh.ok()) job = std::move(*fresh);
  }
  return Print(o, jobs, out);
}

}  // namespace

void SetupList(CLI::App& app, int* exit_code) {
  auto opts = std::make_shared<ListOptions>();
  CLI::App* cmd =
      app.add_subcommand(std::string(commands::kList), "List mlpipe jobs (newest first)");
  cmd->add_option("-s,--state,--appStates", opts->states,
                  "Only these states, e.g. RUNNING or FINISHED,FAILED (repeatable)");
  cmd->add_option("-t,--type", opts->job_type, "Only this job type");
  cmd->add_option("-n,--name", opts->name, "Only jobs whose name contains this");
  cmd->add_option("-q,--queue", opts->queue, "Only jobs in this YARN queue");
  cmd->add_option("-u,--user", opts->user, "Only jobs of this user");
  cmd->add_flag(
      "--all", opts->all,
      "Every application of the cluster's ResourceManager, not only mlpipe's (yarn backend)");
  cmd->add_option("--limit", opts->limit, "At most this many jobs")->check(CLI::PositiveNumber);
  AddConfigFlags(*cmd, opts->config);
  AddOutputFlag(*cmd, opts->output);
  OnRun(*cmd, exit_code, [opts](std::ostream& out) { return RunList(*opts, out); });
}

}  // namespace mlpipe::cli

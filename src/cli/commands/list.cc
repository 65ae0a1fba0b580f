// `mlpipe list`: mlpipe's jobs from the registry, newest first, refreshed from their backends.
#include <iostream>

#include "backends/backend.h"
#include "cli/commands/commands.h"
#include "cli/common.h"
#include "cli/exit_codes.h"
#include "cli/job_view.h"
#include "util/strings.h"

namespace mlpipe::cli {

namespace {

struct ListOptions {
  std::vector<std::string> states;
  std::string job_type;
  std::string name;
  int limit = 50;
  OutputFormat output = OutputFormat::kText;
};

int RunList(const ListOptions& o) {
  store::ListFilter filter;
  for (const auto& group : o.states) {
    for (const auto& s : Split(group, ',')) {
      auto state = store::ParseJobState(Trim(s));
      if (!state.ok()) return ReportError(state.status());
      filter.states.push_back(*state);
    }
  }
  filter.job_type = o.job_type;
  filter.name_contains = o.name;
  filter.limit = o.limit;
  auto registry = OpenRegistry();
  if (!registry.ok()) return ReportError(registry.status());
  auto jobs = (*registry)->List(filter);
  if (!jobs.ok()) return ReportError(jobs.status());
  for (auto& job : *jobs) {
    auto backend = backends::BackendFor(job, **registry);
    if (!backend.ok()) continue;  // a job of a backend this build lacks is listed as recorded
    if (auto fresh = (*backend)->Refresh(job); fresh.ok()) job = std::move(*fresh);
  }
  if (o.output == OutputFormat::kJson) {
    nlohmann::json arr = nlohmann::json::array();
    for (const auto& job : *jobs) arr.push_back(JobToJson(job));
    std::cout << arr.dump(2) << "\n";
  } else {
    std::cout << JobTable(*jobs);
  }
  return kExitSuccess;
}

}  // namespace

void SetupList(CLI::App& app, int* exit_code) {
  auto opts = std::make_shared<ListOptions>();
  CLI::App* cmd = app.add_subcommand("list", "List mlpipe jobs (newest first)");
  cmd->add_option("-s,--state,--appStates", opts->states,
                  "Only these states, e.g. RUNNING or FINISHED,FAILED (repeatable)");
  cmd->add_option("-t,--type", opts->job_type, "Only this job type");
  cmd->add_option("-n,--name", opts->name, "Only jobs whose name contains this");
  cmd->add_option("--limit", opts->limit, "At most this many jobs")->check(CLI::PositiveNumber);
  AddOutputFlag(*cmd, opts->output);
  cmd->callback([opts, exit_code] { *exit_code = RunList(*opts); });
}

}  // namespace mlpipe::cli

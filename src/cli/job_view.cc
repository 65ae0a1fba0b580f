#include "cli/job_view.h"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <algorithm>
#include <chrono>

#include "cli/common.h"
#include "util/clock.h"
#include "util/strings.h"

namespace mlpipe::cli {

namespace {

int64_t ElapsedMs(const store::JobRecord& job) {
  const int64_t start = job.started_ms > 0 ? job.started_ms : job.submitted_ms;
  const int64_t end = job.finished_ms > 0 ? job.finished_ms : SystemClock::Instance().NowMs();
  return std::max<int64_t>(0, end - start);
}

std::string FormatTime(int64_t ms) {
  if (ms <= 0) return "-";
  std::chrono::sys_time<std::chrono::milliseconds> t{std::chrono::milliseconds(ms)};
  return fmt::format("{:%Y-%m-%d %H:%M:%S}", std::chrono::floor<std::chrono::seconds>(t));
}

// A JSON object stored in the registry (outputs, cluster report); {} when empty or unreadable.
nlohmann::json ParseObject(const std::string& text) {
  if (text.empty()) return nlohmann::json::object();
  auto j = nlohmann::json::parse(SanitizeText(text), nullptr, /*allow_exceptions=*/false);
  return j.is_discarded() ? nlohmann::json::object() : j;
}

}  // namespace

std::string FormatElapsed(const store::JobRecord& job) {
  const int64_t ms = ElapsedMs(job);
  if (ms < 1000) return fmt::format("{}ms", ms);
  const int64_t s = ms / 1000;
  if (s < 60) return fmt::format("{}.{}s", s, (ms % 1000) / 100);
  return fmt::format("{}m {:02}s", s / 60, s % 60);
}

nlohmann::json JobToJson(const store::JobRecord& job) {
  return {
      {"application_id", job.app_id},
      {"name", job.name},
      {"job_type", job.job_type},
      {"backend", job.backend},
      {"queue", job.queue},
      {"user", job.user},
      {"tag", job.tag},
      {"state", std::string(store::JobStateName(job.state))},
      {"final_status", std::string(store::FinalStatusName(job.final_status))},
      {"progress", job.progress},
      {"progress_message", job.progress_message},
      {"diagnostics", job.diagnostics},
      {"submitted_ms", job.submitted_ms},
      {"started_ms", job.started_ms},
      {"finished_ms", job.finished_ms},
      {"elapsed_ms", ElapsedMs(job)},
      {"worker_pid", job.worker_pid},
      {"log_path", job.log_path},
      {"warehouse_root", job.warehouse_root},
      {"outputs", ParseObject(job.outputs_json)},
      {"cluster", ParseObject(job.cluster_json)},
  };
}

std::string JobStatusText(const store::JobRecord& job) {
  std::string out;
  auto line = [&out](std::string_view key, const std::string& value) {
    if (!value.empty()) out += fmt::format("{:<15} {}\n", std::string(key) + ":", value);
  };
  line("Application", job.app_id);
  line("Name", job.name);
  line("Type", job.job_type);
  line("Backend", job.backend);
  line("Queue", job.queue);
  line("User", job.user);
  line("State", std::string(store::JobStateName(job.state)));
  line("Final status", std::string(store::FinalStatusName(job.final_status)));
  line("Progress", fmt::format("{:.0f}%{}", job.progress * 100,
                               job.progress_message.empty() ? "" : "  " + job.progress_message));
  line("Submitted", FormatTime(job.submitted_ms));
  line("Started", FormatTime(job.started_ms));
  line("Finished", FormatTime(job.finished_ms));
  line("Elapsed", FormatElapsed(job));
  line("Diagnostics", job.diagnostics);
  line("Log", job.log_path);
  const auto cluster = ParseObject(job.cluster_json);
  for (const auto& [key, value] : cluster.items()) {
    line(key, value.is_string() ? value.get<std::string>() : JsonText(value, -1));
  }
  const auto outputs = ParseObject(job.outputs_json);
  for (const auto& [key, value] : outputs.items()) {
    line(key, value.is_string() ? value.get<std::string>() : JsonText(value, -1));
  }
  return SanitizeText(out);  // paths are shown as they are recorded, made printable
}

std::string JobView(const store::JobRecord& job, OutputFormat format) {
  return format == OutputFormat::kJson ? JsonText(JobToJson(job)) + "\n" : JobStatusText(job);
}

std::string JobTable(const std::vector<store::JobRecord>& jobs) {
  std::string out =
      fmt::format("{:<32} {:<28} {:<16} {:<9} {:<10} {:>5} {:<8} {:<19} {}\n", "APPLICATION_ID",
                  "NAME", "TYPE", "STATE", "FINAL", "PROG", "QUEUE", "SUBMITTED", "ELAPSED");
  for (const auto& j : jobs) {
    out += fmt::format("{:<32} {:<28} {:<16} {:<9} {:<10} {:>4.0f}% {:<8} {:<19} {}\n", j.app_id,
                       j.name.size() > 28 ? j.name.substr(0, 27) + "~" : j.name, j.job_type,
                       store::JobStateName(j.state), store::FinalStatusName(j.final_status),
                       j.progress * 100, j.queue, FormatTime(j.submitted_ms), FormatElapsed(j));
  }
  return SanitizeText(out);  // a name cut at 27 bytes may end inside a character
}

}  // namespace mlpipe::cli

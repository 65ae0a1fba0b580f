// JobContext: everything a running job may do besides computing — report progress, notice a stop
// request (kill) or a passed deadline (prediction_timeout), and log. Backends fill it in: the local
// worker wires it to the job registry and the job's log file; tests use plain lambdas.
#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "util/status.h"

namespace mlpipe::engine {

struct JobContext {
  std::string run_id = "adhoc";  // application id; names run-scoped outputs (metrics, reports)
  std::function<void(double fraction, std::string_view message)> report_progress = [](double, std::string_view) {};
  std::function<bool()> stop_requested = [] { return false; };
  std::function<void(std::string_view line)> log = [](std::string_view) {};
  std::optional<std::chrono::steady_clock::time_point> deadline;
  std::string deadline_name;  // e.g. "prediction_timeout 1h", for the timeout message

  // Cancelled when a stop was requested, Timeout when the deadline passed, else OK. `where` names
  // the step for the message ("after batch 12").
  Status CheckStop(std::string_view where) const;
};

// Where the job writes what is not a configured data path: the warehouse areas.
struct JobDirs {
  std::filesystem::path models;
  std::filesystem::path metrics;
  std::filesystem::path artifacts;
};

}  // namespace mlpipe::engine

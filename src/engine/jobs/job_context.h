// JobContext: everything a running job may do besides computing — report progress, notice a stop
// request (kill) or a passed deadline (prediction_timeout), log, warn, and commit its outputs.
// Backends fill it in: the local worker wires it to the job registry and the job's log file; tests
// use plain lambdas.
#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "util/clock.h"
#include "util/result.h"

namespace mlpipe::engine {

struct JobContext {
  // Stamps what the job writes (a model's created_at, a report's generated_at). The backend passes
  // the machine's clock; tests a FakeClock. Set at construction: JobContext ctx{.clock = c}.
  const Clock& clock;
  std::string run_id = "adhoc";  // application id; names run-scoped outputs (metrics, reports)
  std::function<void(double fraction, std::string_view message)> report_progress =
      [](double, std::string_view) {};
  std::function<bool()> stop_requested = [] { return false; };
  std::function<void(std::string_view line)> log = [](std::string_view) {};
  // Something the job got past but the user should fix (cv_folds above a class's rows, a filter
  // that kept no row, a number column read as text): the local worker logs it and records it in
  // the job's diagnostics ("warning: ...", one per line).
  std::function<void(std::string_view message)> warn = [](std::string_view) {};
  std::optional<std::chrono::steady_clock::time_point> deadline = std::nullopt;
  std::string deadline_name = {};  // e.g. "prediction_timeout 1h", for the timeout message

  // Publishes the job's outputs and records the job FINISHED as one decision: the backend runs
  // `publish` (which makes the staged outputs visible and returns what the job produced) while no
  // kill or timeout can be recorded, and records FINISHED with its result in the same step.
  // Cancelled, without running `publish`, when the job was stopped first. Every job ends with it;
  // the default (engine tests, adhoc runs) just runs `publish`.
  using Publish = std::function<Result<nlohmann::json>()>;
  std::function<Result<nlohmann::json>(const Publish& publish)> commit =
      [](const Publish& publish) { return publish(); };

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

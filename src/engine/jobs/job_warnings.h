// The warnings jobs give (JobContext::warn) when they can go on but the user should fix something,
// worded in one place for the embedded engine and the Spark drivers (through the engine module),
// and how a job record carries them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/metrics/task.h"

namespace mlpipe::engine {

// Stratified k-fold needs every class in every fold: a class with fewer training rows (`train_y`,
// class indices into `classes`) than `folds` leaves some folds without it. nullopt for regression
// or when every class has enough rows.
std::optional<std::string> CvFoldsWarning(Task task, const std::vector<std::string>& classes,
                                          const std::vector<float>& train_y, int folds);

// data_processing's pipeline kept none of a non-empty part ("training" or "validation").
std::optional<std::string> PipelineKeptNoRowsWarning(std::string_view part, int64_t rows_before,
                                                     int64_t rows_after);

// A job's diagnostics for its warnings: "warning: <message>" per line ("" for none).
std::string WarningsDiagnostics(const std::vector<std::string>& warnings);

}  // namespace mlpipe::engine

// Job config: loading the shipped job_config.yaml and the summary the drivers orchestrate from.
#include <nanobind/stl/string.h>
#include <nanobind/stl/tuple.h>

#include <nlohmann/json.hpp>

#include "bindings.h"
#include "config/loader.h"
#include "config/names.h"
#include "config/units.h"
#include "engine/features/step_spec_json.h"
#include "job_config_handle.h"
#include "util/fs.h"

namespace mlpipe::python {

namespace {

nlohmann::json Summary(const JobConfigHandle& handle) {
  const config::JobConfig& c = handle.config;
  const auto& d = c.data;
  const auto& m = c.model;
  const auto& job = c.ForJob(handle.type);
  nlohmann::json steps = nlohmann::json::array();
  for (const auto& s : d.feature_pipeline) steps.push_back(engine::StepSpecToJson(s));
  return {
      {"job_type", std::string(config::JobTypeName(handle.type))},
      {"model",
       {{"name", m.model_name},
        {"algorithm", std::string(config::AlgorithmName(m.algorithm))},
        {"version", m.model_version},
        {"cv_folds", m.cv_folds},
        {"test_size", m.test_size},
        {"seed", m.seed}}},
      {"data",
       {{"raw_data_path", d.raw_data_path},
        {"training_data_path", d.training_data_path},
        {"validation_data_path", d.validation_data_path},
        {"evaluation_data_path",
         d.evaluation_data_path.empty() ? d.validation_data_path : d.evaluation_data_path},
        {"prediction_input_path", d.prediction_input_path},
        {"predictions_output_path", d.predictions_output_path},
        {"input_format", d.input_format},
        {"na_values", d.na_values},
        {"target_column", d.target_column},
        {"id_columns", d.id_columns},
        {"feature_pipeline", steps}}},
      {"split",
       {{"test_size", d.split.test_size}, {"seed", d.split.seed}, {"stratify", d.split.stratify}}},
      {"job",
       {{"batch_size", job.batch_size},
        {"output_compression", job.output_compression},
        {"timeout_key", std::string(config::TimeoutKey(handle.type))},
        {"timeout_seconds",
         job.timeout_seconds ? nlohmann::json(*job.timeout_seconds) : nlohmann::json(nullptr)}}},
  };
}

JobConfigHandle Load(const std::string& path, const std::string& job_type) {
  config::JobType type = Unwrap(config::ParseJobType(job_type));
  config::LoadOptions options;
  options.files = {path};
  JobConfigHandle handle{Unwrap(config::LoadJobConfig(options)), type};
  Check(config::ValidateForJob(handle.config, type));
  return handle;
}

// Executors get the config pickled as its rendered YAML (secrets masked), loaded back from a
// temporary file.
JobConfigHandle LoadRendered(const std::string& yaml, const std::string& job_type) {
  const fs::path file = StagingPathFor(fs::temp_directory_path() / "mlpipe-job-config.yaml");
  Check(WriteFileAtomic(file, yaml));
  try {
    JobConfigHandle handle = Load(file.string(), job_type);
    (void)RemoveAll(file);
    return handle;
  } catch (...) {
    (void)RemoveAll(file);
    throw;
  }
}

}  // namespace

void RegisterConfig(nb::module_& m) {
  m.def("format_duration", &config::FormatDuration, nb::arg("seconds"),
        "A duration as the config writes it: 5400 -> '1h30m'.");
  nb::class_<JobConfigHandle>(
      m, "JobConfig",
      "A validated job_config.yaml for one job type (config::LoadJobConfig + ValidateForJob).")
      .def_static("load", &Load, nb::arg("path"), nb::arg("job_type"))
      .def("__getstate__",
           [](const JobConfigHandle& h) {
             return std::make_tuple(config::RenderYaml(h.config),
                                    std::string(config::JobTypeName(h.type)));
           })
      .def("__setstate__",
           [](JobConfigHandle& h, const std::tuple<std::string, std::string>& state) {
             new (&h) JobConfigHandle(LoadRendered(std::get<0>(state), std::get<1>(state)));
           })
      .def(
          "summary", [](const JobConfigHandle& h) { return Summary(h).dump(); },
          "JSON: job type, model (name, algorithm, version, cv_folds, test_size, seed), data paths "
          "and columns, "
          "the feature_pipeline steps, the split, and the job's batch_size, output_compression and "
          "timeout.");
}

}  // namespace mlpipe::python

// Distributed training: feature columns and labels on the driver, fold assignment, the XGBoost
// tracker, training one shard in a barrier task, and writing the model version.
#include <nanobind/stl/optional.h>
#include <nanobind/stl/string.h>
#include <nanobind/stl/string_view.h>
#include <nanobind/stl/tuple.h>
#include <nanobind/stl/vector.h>

#include <cstring>

#include "arrow_bridge.h"
#include "bindings.h"
#include "config/names.h"
#include "engine/features/step_spec_json.h"
#include "engine/jobs/fold_plan.h"
#include "engine/jobs/job_warnings.h"
#include "engine/jobs/shard_training.h"
#include "engine/jobs/training_data.h"
#include "engine/jobs/training_output.h"
#include "engine/models/collective.h"
#include "engine/models/cross_validation.h"
#include "engine/models/hyperparams.h"
#include "engine/models/labels.h"
#include "job_config_handle.h"
#include "util/checksum.h"
#include "util/clock.h"

namespace mlpipe::python {

namespace {

using engine::Task;

Task TaskFromName(const std::string& name) {
  if (name == "binary") return Task::kBinary;
  if (name == "multiclass") return Task::kMulticlass;
  if (name == "regression") return Task::kRegression;
  throw EngineError("unknown task '" + name + "'");
}

int NumClass(Task task, const std::vector<std::string>& classes) {
  return engine::IsClassification(task) ? static_cast<int>(classes.size()) : 0;
}

template <typename T>
std::vector<T> VectorFromBytes(const nb::bytes& bytes) {
  if (bytes.size() % sizeof(T) != 0)
    throw EngineError("byte buffer size is not a multiple of the element size");
  std::vector<T> out(bytes.size() / sizeof(T));
  std::memcpy(out.data(), bytes.c_str(), bytes.size());
  return out;
}

template <typename T>
nb::bytes BytesFromVector(const std::vector<T>& values) {
  return nb::bytes(reinterpret_cast<const char*>(values.data()), values.size() * sizeof(T));
}

nlohmann::json ParseJson(const std::string& text, const char* what) {
  auto j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded()) throw EngineError(std::string(what) + " is not valid JSON");
  return j;
}

engine::TrainParams Params(const JobConfigHandle& c, Task task, int num_class, int num_features) {
  return Unwrap(engine::MapHyperparameters(c.config.model, task, num_class, num_features));
}

}  // namespace

void RegisterTraining(nb::module_& m) {
  m.def(
      "feature_columns",
      [](const JobConfigHandle& c, nb::handle schema, const std::string& path) {
        return Unwrap(engine::FeatureColumns(c.config.data, *ImportSchema(schema), path));
      },
      nb::arg("config"), nb::arg("schema"), nb::arg("path"));
  m.def(
      "check_target_column",
      [](const JobConfigHandle& c, nb::handle schema, const std::string& path) {
        Check(engine::CheckTargetColumn(c.config.data, *ImportSchema(schema), path));
      },
      nb::arg("config"), nb::arg("schema"), nb::arg("path"),
      "Raises when data_config.target_column is not a column of `schema` (of the data at `path`).");
  m.def(
      "model_input_steps",
      [](const JobConfigHandle& c, nb::handle schema, const std::vector<std::string>& features) {
        std::vector<std::string> out;
        for (const auto& s :
             engine::ModelInputSteps(c.config.model.algorithm, *ImportSchema(schema), features)) {
          out.push_back(engine::StepSpecToJson(s).dump());
        }
        return out;
      },
      nb::arg("config"), nb::arg("schema"), nb::arg("features"));
  m.def(
      "encode_labels",
      [](const JobConfigHandle& c, nb::handle target) {
        arrow::ChunkedArray column(ImportArray(target));
        auto labels =
            Unwrap(engine::EncodeLabels(column, c.config.data.target_column, c.config.model.task,
                                        c.config.model.positive_class));
        return std::make_tuple(std::string(engine::TaskName(labels.task)), labels.classes,
                               BytesFromVector(labels.y));
      },
      nb::arg("config"), nb::arg("target"),
      "(task, classes, labels as float32 bytes) of the whole target column, in row order.");
  m.def(
      "fold_plan",
      [](const JobConfigHandle& c, const std::string& task, const std::vector<std::string>& classes,
         const nb::bytes& y_bytes) {
        engine::Labels labels;
        labels.task = TaskFromName(task);
        labels.classes = classes;
        labels.y = VectorFromBytes<float>(y_bytes);
        const engine::FoldPlan plan = engine::PlanFolds(c.config.model, labels);
        return std::make_tuple(BytesFromVector(plan.Assignment()), plan.warning, plan.Coverage());
      },
      nb::arg("config"), nb::arg("task"), nb::arg("classes"), nb::arg("labels"),
      "(assignment, warning, coverage): per row (int32) -1 hold-out, else the CV fold (0 without "
      "CV), as the local training job assigns them (engine/jobs/fold_plan.h); the warning (or "
      "None) "
      "when a class has fewer non-hold-out rows than cv_folds; what CV covers ('' without CV).");
  m.def("pipeline_kept_no_rows_warning", &engine::PipelineKeptNoRowsWarning, nb::arg("part"),
        nb::arg("rows_before"), nb::arg("rows_after"),
        "The warning (or None) when data_processing's pipeline kept none of a part's rows.");
  m.def(
      "params_json",
      [](const JobConfigHandle& c, const std::string& task, const std::vector<std::string>& classes,
         int num_features) {
        const Task t = TaskFromName(task);
        return Params(c, t, NumClass(t, classes), num_features).ToJson().dump();
      },
      nb::arg("config"), nb::arg("task"), nb::arg("classes"), nb::arg("num_features"));

  nb::class_<engine::Tracker>(m, "Tracker",
                              "XGBoost's tracker (on the driver) for one distributed training.")
      .def_static(
          "start",
          [](int n_workers, const std::string& host, int timeout_seconds) {
            return Unwrap(engine::Tracker::Start(n_workers, host, timeout_seconds));
          },
          nb::arg("n_workers"), nb::arg("host"), nb::arg("timeout_seconds"))
      .def_prop_ro("worker_args", [](const engine::Tracker& t) { return t.worker_args().dump(); })
      .def("wait", [](engine::Tracker& t) {
        nb::gil_scoped_release release;
        Check(t.Wait());
      });

  m.def(
      "train_shard",
      [](const JobConfigHandle& c, const std::vector<nb::handle>& batches,
         const engine::FittedPipeline& model_input, const std::vector<std::string>& features,
         const std::string& task, const std::vector<std::string>& classes,
         const nb::bytes& assignment, const std::vector<int64_t>& rows_per_fold, int64_t train_rows,
         const std::optional<std::string>& worker_args, int task_id, int timeout_seconds,
         int nthread, double deadline_unix_seconds) {
        std::vector<std::shared_ptr<arrow::RecordBatch>> parts;
        for (const auto& b : batches) parts.push_back(ImportBatch(b));
        const Task t = TaskFromName(task);
        engine::ShardPlan plan;
        plan.task = t;
        plan.num_class = NumClass(t, classes);
        plan.params = Params(c, t, plan.num_class, static_cast<int>(features.size()));
        if (nthread > 0) {
          std::erase_if(plan.params.booster, [](const auto& p) { return p.first == "nthread"; });
          plan.params.booster.emplace_back("nthread", std::to_string(nthread));
        }
        plan.cv_folds = static_cast<int>(rows_per_fold.size());
        plan.rows_per_fold = rows_per_fold;
        plan.train_rows = train_rows;
        plan.deadline_unix_seconds = deadline_unix_seconds;
        std::vector<int> rows_assignment = VectorFromBytes<int>(assignment);
        const nlohmann::json args =
            worker_args ? ParseJson(*worker_args, "worker args") : nlohmann::json();
        engine::ShardResult result{"", {}, engine::MetricsAccumulator(t, plan.num_class)};
        {
          nb::gil_scoped_release release;
          std::shared_ptr<arrow::RecordBatch> rows;
          if (parts.empty()) {
            throw EngineError("a training task got no rows; use fewer workers than rows");
          }
          auto table = arrow::Table::FromRecordBatches(parts);
          auto combined = table.ok() ? (*table)->CombineChunksToBatch() : table.status();
          if (!combined.ok())
            throw EngineError("cannot combine the training rows: " + combined.status().ToString());
          auto shard = Unwrap(engine::MakeShardRows(**combined, model_input, features,
                                                    c.config.data.target_column, t, classes,
                                                    std::move(rows_assignment)));
          std::optional<engine::Communicator> comm;
          if (worker_args)
            comm.emplace(Unwrap(engine::Communicator::Join(args, task_id, timeout_seconds)));
          result = Unwrap(engine::TrainShard(shard, plan));
        }
        std::vector<nb::bytes> folds;
        for (const auto& f : result.folds) folds.push_back(ToBytes(f.Serialize()));
        return std::make_tuple(ToBytes(result.model), folds, ToBytes(result.holdout.Serialize()));
      },
      nb::arg("config"), nb::arg("batches"), nb::arg("model_input"), nb::arg("features"),
      nb::arg("task"), nb::arg("classes"), nb::arg("assignment"), nb::arg("rows_per_fold"),
      nb::arg("train_rows"), nb::arg("worker_args").none(), nb::arg("task_id"),
      nb::arg("timeout_seconds"), nb::arg("nthread"), nb::arg("deadline_unix_seconds"),
      "Trains this task's rows inside the collective: (model bytes, per-fold partial metrics, "
      "hold-out partial).");

  m.def(
      "cv_report",
      [](const std::vector<std::string>& folds) {
        std::vector<nlohmann::json> parsed;
        for (const auto& f : folds) parsed.push_back(ParseJson(f, "fold metrics"));
        return engine::CvReport::FromFolds(std::move(parsed)).ToJson().dump();
      },
      nb::arg("fold_metrics"));
  m.def(
      "write_model_files",
      [](const std::string& dir, const nb::bytes& model, const JobConfigHandle& c,
         const std::string& run_id, const std::string& outcome_json,
         const engine::FittedPipeline& model_input,
         const std::optional<std::string>& upstream_lineage, const nb::bytes& fold_assignment) {
        const nlohmann::json o = ParseJson(outcome_json, "training outcome");
        engine::TrainingOutcome outcome;
        try {
          outcome.task = TaskFromName(o.at("task").get<std::string>());
          outcome.classes = o.at("classes").get<std::vector<std::string>>();
          outcome.input_columns = o.at("input_columns").get<std::vector<std::string>>();
          outcome.feature_columns = o.at("feature_columns").get<std::vector<std::string>>();
          outcome.metrics = o.at("metrics");
          outcome.rows = o.at("rows").get<int64_t>();
          outcome.data_checksum = o.at("data_checksum").get<std::string>();
        } catch (const nlohmann::json::exception& e) {
          throw EngineError(std::string("incomplete training outcome: ") + e.what());
        }
        outcome.params = Params(c, outcome.task, NumClass(outcome.task, outcome.classes),
                                static_cast<int>(outcome.feature_columns.size()));
        if (upstream_lineage)
          outcome.upstream =
              Unwrap(engine::LineageFromJson(ParseJson(*upstream_lineage, "lineage")));
        outcome.model_input = model_input;
        outcome.fold_assignment = VectorFromBytes<int>(fold_assignment);
        Check(engine::WriteModelFiles(dir, FromBytes(model), c.config, outcome, run_id,
                                      SystemClock::Instance().NowMs()));
      },
      nb::arg("dir"), nb::arg("model"), nb::arg("config"), nb::arg("run_id"),
      nb::arg("outcome_json"), nb::arg("model_input"), nb::arg("upstream_lineage").none(),
      nb::arg("fold_assignment"),
      "Writes model.ubj, pipeline.json, metadata.json and cv_folds.json into local directory "
      "`dir`. outcome_json: "
      "task, classes, input_columns, feature_columns, metrics {cv, holdout}, rows, data_checksum.");
  m.def("pipeline_kept_no_training_rows", &engine::PipelineKeptNoTrainingRows, nb::arg("rows"),
        nb::arg("path"),
        "The error when a fit's feature pipeline keeps none of its training rows "
        "(engine/jobs/training_data.h).");
  m.def("feature_pipeline_note", &engine::FeaturePipelineNote, nb::arg("upstream_id"),
        nb::arg("steps_fitted"),
        "The training output's feature_pipeline text (engine/jobs/training_data.h).");
  m.def(
      "training_metrics",
      [](const std::string& cv_json, const std::string& holdout_json, const std::string& task,
         const std::vector<std::string>& classes) {
        return engine::TrainingMetrics(ParseJson(cv_json, "cv"), ParseJson(holdout_json, "holdout"),
                                       TaskFromName(task), classes)
            .dump();
      },
      nb::arg("cv_json"), nb::arg("holdout_json"), nb::arg("task"), nb::arg("classes"),
      "A training run's metrics JSON (engine/jobs/training_output.h): cv, holdout and the "
      "positive class.");
  m.def(
      "training_job_result",
      [](const std::string& name, int version, const std::string& model_dir,
         const std::string& metrics_file, const std::string& metrics_json) {
        return engine::TrainingJobResult(name, version, model_dir, metrics_file,
                                         ParseJson(metrics_json, "metrics"))
            .dump();
      },
      nb::arg("name"), nb::arg("version"), nb::arg("model_dir"), nb::arg("metrics_file"),
      nb::arg("metrics_json"));
  m.def(
      "data_checksum", [](const std::string& path) { return Unwrap(DataChecksum(path)); },
      nb::arg("path"),
      "The training data checksum (util/checksum.h) of a local file or dataset directory.");
}

}  // namespace mlpipe::python

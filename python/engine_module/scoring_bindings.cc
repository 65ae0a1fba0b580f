// Model bundles on executors (prediction, evaluation partials), merged metrics, evaluation outputs
// and model version choice.
#include <nanobind/stl/optional.h>
#include <nanobind/stl/string.h>
#include <nanobind/stl/string_view.h>
#include <nanobind/stl/tuple.h>
#include <nanobind/stl/vector.h>

#include "arrow_bridge.h"
#include "bindings.h"
#include "engine/jobs/batch_scoring.h"
#include "engine/jobs/evaluation_output.h"
#include "engine/jobs/model_bundle.h"
#include "engine/metrics/metrics_accumulator.h"
#include "engine/models/model_repo.h"
#include "util/clock.h"

namespace mlpipe::python {

namespace {

using engine::MetricsAccumulator;
using engine::ModelBundle;

MetricsAccumulator Merged(const std::vector<nb::bytes>& parts, const ModelBundle& bundle) {
  MetricsAccumulator total = engine::EvaluationAccumulator(bundle);
  for (const auto& part : parts)
    Check(total.Merge(Unwrap(MetricsAccumulator::Deserialize(FromBytes(part)))));
  return total;
}

}  // namespace

void RegisterScoring(nb::module_& m) {
  nb::class_<ModelBundle>(
      m, "ModelBundle",
      "A model version (engine/jobs/model_bundle.h) loaded from its files' contents.")
      .def_static(
          "from_contents",
          [](const std::string& name, int version, const std::string& dir, const nb::bytes& model,
             const std::string& pipeline_json, const std::string& metadata_json) {
            return Unwrap(engine::ModelBundleFromContents(name, version, dir, FromBytes(model),
                                                          pipeline_json, metadata_json));
          },
          nb::arg("name"), nb::arg("version"), nb::arg("dir"), nb::arg("model"),
          nb::arg("pipeline_json"), nb::arg("metadata_json"))
      .def_ro("name", &ModelBundle::name)
      .def_ro("version", &ModelBundle::version)
      .def_ro("target_column", &ModelBundle::target_column)
      .def_ro("classes", &ModelBundle::classes)
      .def_prop_ro("task",
                   [](const ModelBundle& b) { return std::string(engine::TaskName(b.task)); })
      .def(
          "input_column_types",
          [](const ModelBundle& b) {
            arrow::FieldVector fields;
            for (const auto& [name, type] : b.InputColumnTypes())
              fields.push_back(arrow::field(name, type));
            return ExportSchema(arrow::Schema(fields));
          },
          "Raw input column types the model's upstream pipeline was fitted on (for CSV input).")
      .def(
          "predict",
          [](const ModelBundle& b, nb::handle batch, const std::string& lineage_id,
             const std::vector<std::string>& id_columns, int64_t first_row) {
            auto in = ImportBatch(batch);
            std::shared_ptr<arrow::RecordBatch> out;
            {
              nb::gil_scoped_release release;
              out = Unwrap(engine::PredictBatch(b, *in, lineage_id, id_columns, first_row));
            }
            return ExportBatch(out);
          },
          nb::arg("batch"), nb::arg("lineage_id"), nb::arg("id_columns"), nb::arg("first_row"),
          "The prediction output batch: id columns (or row_number from first_row), prediction, "
          "probability_<class>.")
      .def(
          "evaluate",
          [](const ModelBundle& b, nb::handle batch, const std::string& lineage_id) {
            auto in = ImportBatch(batch);
            MetricsAccumulator acc = engine::EvaluationAccumulator(b);
            {
              nb::gil_scoped_release release;
              Check(engine::AccumulateEvaluation(b, *in, lineage_id, &acc));
            }
            return ToBytes(acc.Serialize());
          },
          nb::arg("batch"), nb::arg("lineage_id"), "Partial metrics of a batch of labelled rows.")
      .def(
          "finish_evaluation",
          [](const ModelBundle& b, const std::vector<nb::bytes>& parts,
             const std::string& data_path, const std::string& metrics_root,
             const std::string& run_id) {
            MetricsAccumulator total = Merged(parts, b);
            std::vector<float> y;
            std::vector<float> pred;
            total.Expand(&y, &pred);
            auto output = Unwrap(engine::FinishEvaluation(
                b, data_path, std::move(y), std::move(pred), SystemClock::Instance().NowMs()));
            const auto [metrics_file, report_file] =
                engine::EvaluationFiles(metrics_root, b, run_id);
            return std::make_tuple(
                output.metrics.dump(2), output.report_html, metrics_file.string(),
                report_file.string(),
                engine::EvaluationJobResult(output, metrics_file.string(), report_file.string())
                    .dump());
          },
          nb::arg("parts"), nb::arg("data_path"), nb::arg("metrics_root"), nb::arg("run_id"),
          "Merges partial metrics: (metrics JSON, HTML report, metrics file, report file, job "
          "result JSON).");

  m.def(
      "merge_metrics",
      [](const std::vector<nb::bytes>& parts) {
        if (parts.empty()) throw EngineError("no partial metrics to merge");
        MetricsAccumulator total = Unwrap(MetricsAccumulator::Deserialize(FromBytes(parts[0])));
        for (size_t i = 1; i < parts.size(); ++i) {
          Check(total.Merge(Unwrap(MetricsAccumulator::Deserialize(FromBytes(parts[i])))));
        }
        return std::make_tuple(total.rows(),
                               total.rows() == 0 ? std::string("null") : total.Metrics().dump());
      },
      nb::arg("parts"), "(rows, metrics JSON or 'null' without rows) of merged partial metrics.");

  m.def(
      "merge_metric_partials",
      [](const std::vector<nb::bytes>& parts) {
        if (parts.empty()) throw EngineError("no partial metrics to merge");
        MetricsAccumulator total = Unwrap(MetricsAccumulator::Deserialize(FromBytes(parts[0])));
        for (size_t i = 1; i < parts.size(); ++i) {
          Check(total.Merge(Unwrap(MetricsAccumulator::Deserialize(FromBytes(parts[i])))));
        }
        return ToBytes(total.Serialize());
      },
      nb::arg("parts"), "The partial metrics of all `parts` together.");
  m.def("version_from_dir_name", &engine::VersionFromDirName, nb::arg("name"));
  m.def("version_dir_name", &engine::VersionDirName, nb::arg("version"));
  m.def("latest_file_text", &engine::LatestFileText, nb::arg("version"));
  m.def(
      "latest_moves_to", &engine::LatestMovesTo, nb::arg("current").none(), nb::arg("version"),
      "Whether a `latest` file holding `current` (None: no file) is rewritten to name `version`.");
  m.def(
      "choose_version",
      [](const std::string& name, const std::vector<int>& versions,
         const std::optional<std::string>& latest_file, const std::string& requested,
         const std::string& where) {
        return Unwrap(engine::ChooseVersion(name, versions, latest_file, requested, where));
      },
      nb::arg("name"), nb::arg("versions"), nb::arg("latest_file"), nb::arg("requested"),
      nb::arg("where"));
}

}  // namespace mlpipe::python

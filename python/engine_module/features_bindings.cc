// Feature pipeline (fitted step by step over partitions), CSV parsing, the train/validation split
// and dataset lineage.
#include <nanobind/stl/optional.h>
#include <nanobind/stl/string.h>
#include <nanobind/stl/tuple.h>
#include <nanobind/stl/vector.h>

#include "arrow_bridge.h"
#include "bindings.h"
#include "engine/features/pipeline.h"
#include "engine/features/split.h"
#include "engine/features/step_spec_json.h"
#include "engine/io/column_warnings.h"
#include "engine/io/csv_lines.h"
#include "engine/io/input_files.h"
#include "engine/jobs/data_processing.h"
#include "engine/jobs/lineage.h"
#include "job_config_handle.h"

namespace mlpipe::python {

namespace {

using engine::FittedPipeline;

config::StepSpec SpecFromJson(const std::string& text) {
  auto j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded()) throw EngineError("feature pipeline step is not valid JSON: " + text);
  return Unwrap(engine::StepSpecFromJson(j));
}

nlohmann::json ParseJson(const std::string& text, const char* what) {
  auto j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded()) throw EngineError(std::string(what) + " is not valid JSON");
  return j;
}

}  // namespace

void RegisterFeatures(nb::module_& m) {
  nb::class_<FittedPipeline>(m, "Pipeline",
                             "A fitted feature pipeline (engine/features/pipeline.h).")
      .def_static(
          "empty",
          [](const std::string& target, const std::vector<std::string>& ids) {
            return FittedPipeline::Empty({target, ids});
          },
          nb::arg("target_column"), nb::arg("id_columns"))
      .def_static(
          "from_json",
          [](const std::string& text) {
            return Unwrap(FittedPipeline::FromJson(ParseJson(text, "pipeline")));
          },
          nb::arg("text"))
      .def("to_json", [](const FittedPipeline& p) { return p.ToJson().dump(); })
      .def_prop_ro("num_steps", &FittedPipeline::num_steps)
      .def_prop_ro("output_columns", &FittedPipeline::OutputColumns)
      .def(
          "collect_step_stats",
          [](const FittedPipeline& p, const std::string& spec, nb::handle rows) {
            const config::StepSpec step = SpecFromJson(spec);
            auto batch = ImportBatch(rows);
            std::string out;
            {
              nb::gil_scoped_release release;
              out = Unwrap(p.CollectStepStats(step, *batch)).Serialize();
            }
            return ToBytes(out);
          },
          nb::arg("spec"), nb::arg("rows"),
          "Statistics of step `spec` (JSON) over `rows`, the rows reaching it; merge with "
          "merge_step_stats.")
      .def(
          "append_fitted",
          [](const FittedPipeline& p, const std::string& spec, const nb::bytes& stats,
             nb::handle input_schema) {
            auto merged = Unwrap(engine::StepFitStats::Deserialize(FromBytes(stats)));
            return Unwrap(p.AppendFitted(SpecFromJson(spec), merged, *ImportSchema(input_schema)));
          },
          nb::arg("spec"), nb::arg("stats"), nb::arg("input_schema"))
      .def(
          "transform",
          [](const FittedPipeline& p, nb::handle batch, bool keep_all_rows, size_t first_step,
             std::optional<size_t> end_step) {
            auto in = ImportBatch(batch);
            std::shared_ptr<arrow::RecordBatch> out;
            {
              nb::gil_scoped_release release;
              out = Unwrap(p.TransformBatch(*in,
                                            keep_all_rows ? engine::RowPolicy::kKeepAllRows
                                                          : engine::RowPolicy::kApplyRowSteps,
                                            first_step, end_step.value_or(SIZE_MAX)));
            }
            return ExportBatch(out);
          },
          nb::arg("batch"), nb::arg("keep_all_rows") = false, nb::arg("first_step") = 0,
          nb::arg("end_step") = nb::none(),
          "Applies steps [first_step, end_step) (to the last step by default).")
      .def(
          "row_keys",
          [](const FittedPipeline& p, size_t step, nb::handle rows) {
            return ExportArray(Unwrap(p.RowKeys(step, *ImportBatch(rows))));
          },
          nb::arg("step"), nb::arg("rows"),
          "Dedupe step `step`: one binary key per row; equal keys = duplicates.");

  m.def(
      "merge_step_stats",
      [](const std::vector<nb::bytes>& parts) {
        engine::StepFitStats total;
        for (const auto& part : parts)
          total.Merge(Unwrap(engine::StepFitStats::Deserialize(FromBytes(part))));
        return ToBytes(total.Serialize());
      },
      nb::arg("parts"));

  m.def(
      "infer_csv_schema",
      [](const std::string& path, nb::handle column_types, int64_t prefix_bytes,
         const std::vector<std::string>& na_values) {
        engine::ReadOptions read;
        read.na_values = na_values;
        if (!column_types.is_none()) {
          const auto types = ImportSchema(column_types);
          for (const auto& f : types->fields()) read.column_types[f->name()] = f->type();
        }
        return ExportSchema(*Unwrap(engine::InferCsvSchema(path, read, prefix_bytes)));
      },
      nb::arg("path"), nb::arg("column_types").none(), nb::arg("prefix_bytes"),
      nb::arg("na_values") = config::DefaultNaValues(),
      "Column types of the CSV file at local `path` from its first prefix_bytes, as the local "
      "reader infers them (cells in na_values missing).");
  m.def(
      "select_input_files",
      [](const std::string& path,
         const std::optional<std::vector<std::tuple<std::string, bool>>>& directory,
         const std::string& format) {
        std::optional<std::vector<engine::ListedEntry>> listing;
        if (directory) {
          listing.emplace();
          for (const auto& [name, is_file] : *directory) listing->push_back({name, is_file});
        }
        const engine::InputFiles input = Unwrap(engine::SelectInputFiles(path, listing, format));
        std::vector<std::string> files;
        for (const auto& f : input.files) files.push_back(f.string());
        return std::make_tuple(files, input.format == engine::FileFormat::kCsv ? "csv" : "parquet");
      },
      nb::arg("path"), nb::arg("directory").none(), nb::arg("format"),
      "([data file paths in name order], 'csv' | 'parquet') of input `path`: the local reader's "
      "rule on `directory`, a listing [(name, is_file)] of the directory, or None for a plain "
      "file.");
  m.def(
      "text_column_census",
      [](nb::handle rows, int64_t first_row) {
        auto table = arrow::Table::FromRecordBatches({ImportBatch(rows)});
        if (!table.ok()) throw EngineError(table.status().ToString());
        engine::TextColumnCensus census;
        census.Add(**table, first_row);
        return ToBytes(census.Serialize());
      },
      nb::arg("rows"), nb::arg("first_row"),
      "The text column census (engine/io/column_warnings.h) of `rows`, data rows first_row.. of an "
      "input.");
  m.def(
      "merge_text_column_censuses",
      [](const std::vector<nb::bytes>& parts) {
        engine::TextColumnCensus total;
        for (const auto& part : parts) {
          total.Merge(Unwrap(engine::TextColumnCensus::Deserialize(FromBytes(part))));
        }
        return ToBytes(total.Serialize());
      },
      nb::arg("parts"), "One census of the censuses `parts` of the same input.");
  m.def(
      "number_columns_read_as_text",
      [](const nb::bytes& census, const std::string& source) {
        return Unwrap(engine::TextColumnCensus::Deserialize(FromBytes(census))).Warnings(source);
      },
      nb::arg("census"), nb::arg("source"),
      "The warnings of a whole input's census, as NumberColumnsReadAsText gives them locally.");
  m.def(
      "parse_csv_lines",
      [](const std::string& header, nb::handle lines, nb::handle schema,
         const std::vector<std::string>& na_values) {
        auto array = ImportArray(lines);
        if (array->type_id() != arrow::Type::STRING)
          throw EngineError("CSV lines must be a string array");
        auto s = ImportSchema(schema);
        std::shared_ptr<arrow::RecordBatch> out;
        {
          nb::gil_scoped_release release;
          out = Unwrap(engine::ParseCsvLines(header, static_cast<const arrow::StringArray&>(*array),
                                             *s, na_values));
        }
        return ExportBatch(out);
      },
      nb::arg("header"), nb::arg("lines"), nb::arg("schema"),
      nb::arg("na_values") = config::DefaultNaValues());

  m.def(
      "split_group_keys",
      [](nb::handle values) {
        auto keys = Unwrap(engine::SplitGroupKeys(ImportArray(values)));
        arrow::BinaryBuilder b;
        for (const auto& k : keys) {
          if (!b.Append(k).ok()) throw EngineError("out of memory building split keys");
        }
        std::shared_ptr<arrow::Array> out;
        if (!b.Finish(&out).ok()) throw EngineError("out of memory building split keys");
        return ExportArray(out);
      },
      nb::arg("values"), "The split group key (binary) of each value of the stratify column.");
  m.def(
      "validation_by_rank",
      [](const std::vector<int64_t>& sizes, double test_size, uint64_t seed) {
        config::SplitSpec spec;
        spec.test_size = test_size;
        spec.seed = seed;
        std::vector<nb::bytes> out;
        for (const auto& flags : Unwrap(engine::ValidationByRank(sizes, spec))) {
          std::string bytes(flags.begin(), flags.end());
          out.push_back(ToBytes(bytes));
        }
        return out;
      },
      nb::arg("sizes"), nb::arg("test_size"), nb::arg("seed"),
      "Per group (ascending key order), one byte per rank: 1 = validation.");
  m.def(
      "stratify_column",
      [](const JobConfigHandle& c, nb::handle schema) {
        return engine::StratifyColumn(c.config, *ImportSchema(schema));
      },
      nb::arg("config"), nb::arg("schema"));
  m.def(
      "check_stratified_classes",
      [](const JobConfigHandle& c, nb::handle schema, const std::string& column,
         const nb::dict& class_rows, const std::string& input) {
        std::map<std::string, int64_t> rows;
        for (auto [key, n] : class_rows)
          rows[FromBytes(nb::cast<nb::bytes>(key))] = nb::cast<int64_t>(n);
        const auto field = ImportSchema(schema)->GetFieldByName(column);
        if (!field) throw EngineError("no column '" + column + "' in the schema");
        Check(engine::CheckStratifiedClasses(c.config, *field->type(), rows, input));
      },
      nb::arg("config"), nb::arg("schema"), nb::arg("column"), nb::arg("class_rows"),
      nb::arg("input"),
      "class_rows: split group key (bytes, as split_group_keys gives them) -> rows. Raises "
      "EngineError "
      "when a stratified split cannot place a class.");

  m.def(
      "lineage_to_json",
      [](const std::string& run_id, const FittedPipeline& p, nb::handle input_schema) {
        return engine::LineageToJson(engine::LineageOf(p, ImportSchema(input_schema), run_id))
            .dump(2);
      },
      nb::arg("run_id"), nb::arg("pipeline"), nb::arg("input_schema"),
      "The _mlpipe_pipeline.json of `pipeline` fitted by run `run_id`, with its identity "
      "(engine/jobs/lineage.h).");
  m.def(
      "lineage_from_json",
      [](const std::string& text) {
        auto lineage = Unwrap(engine::LineageFromJson(ParseJson(text, "lineage")));
        return std::make_tuple(lineage.pipeline_id, lineage.pipeline,
                               ExportSchema(*lineage.input_schema));
      },
      nb::arg("text"), "(pipeline_id, Pipeline, input schema) of a _mlpipe_pipeline.json.");
}

}  // namespace mlpipe::python

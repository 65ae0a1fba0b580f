#include "engine/jobs/data_checks.h"

#include <fmt/format.h>

#include <chrono>
#include <map>

#include "engine/features/pipeline.h"
#include "engine/io/batch_reader.h"
#include "engine/jobs/data_processing.h"
#include "engine/jobs/lineage.h"
#include "engine/jobs/model_bundle.h"
#include "engine/jobs/training_data.h"
#include "util/fs.h"
#include "util/strings.h"

namespace mlpipe::engine {
namespace {

using config::JobType;

// Rows the feature_pipeline is fitted on: enough to meet every column and type, quick on any input.
constexpr int64_t kSampleRows = 1000;

struct Input {
  std::string key;
  std::string path;   // read
  std::string shown;  // in messages: `path`, or where the data really is
  bool whole = true;  // false: `path` is the head of the input only
  std::shared_ptr<arrow::Schema> schema;
  std::shared_ptr<arrow::RecordBatch> head;  // the first kSampleRows rows
  std::string lineage_id;                    // "" when the input has none
};

class Checker {
 public:
  Checker(const config::JobConfig& config, const JobDirs& dirs) : config_(config), dirs_(dirs) {}

  Status Run(JobType type, Input& in) {
    ReadOptions read = ReadOptionsFor(config_.data);
    if (type == JobType::kPrediction || type == JobType::kEvaluation)
      return CheckWithModel(type, in, read);
    if (!ReadHead(in, read)) return Status::OK();
    if (!config_.data.target_column.empty()) {
      Problem(CheckTargetColumn(config_.data, *in.schema, in.shown,
                                config_.WherePrefix("data_config.target_column")));
    }
    const bool raw = in.lineage_id.empty();
    if (raw && !config_.data.feature_pipeline.empty()) CheckPipeline(in);
    if (type == JobType::kDataProcessing && in.whole) CheckSplit(in, read);
    if (type == JobType::kDataProcessing && !in.whole)
      skipped.push_back(in.key + ": the split (read only the first rows of '" + in.shown + "')");
    return Status::OK();
  }

  Status Finish(const Input& in, DataCheckReport& report) const {
    if (!problems_.empty()) return Status::ConfigError(Join(problems_, "\n"));
    if (!in.schema) return Status::OK();
    report.checked.push_back(fmt::format("{} '{}': {}", in.key, in.shown, Join(found_, "; ")));
    return Status::OK();
  }

  std::vector<std::string> skipped;

 private:
  // A problem of the data: one line of validate's error.
  void Problem(const Status& st) {
    if (!st.ok()) problems_.push_back(st.message());
  }

  // The input's schema, first rows and lineage; false (a problem recorded) when unreadable.
  bool ReadHead(Input& in, const ReadOptions& read) {
    Status st = ReadHeadOrError(in, read);
    if (!st.ok()) Problem(st.WithContext(in.key));
    return st.ok();
  }

  Status ReadHeadOrError(Input& in, const ReadOptions& read) {
    MLPIPE_ASSIGN_OR_RETURN(auto reader, BatchReader::Open(in.path, kSampleRows, read));
    MLPIPE_ASSIGN_OR_RETURN(in.head, reader->Next());
    MLPIPE_ASSIGN_OR_RETURN(in.lineage_id, InputLineageId(in.path));
    in.schema = reader->schema();
    found_.push_back(fmt::format("{} columns", in.schema->num_fields()));
    return Status::OK();
  }

  void CheckPipeline(const Input& in) {
    if (!in.head) return;
    FitOptions fit;
    fit.target_column = config_.data.target_column;
    fit.id_columns = config_.data.id_columns;
    auto table = arrow::Table::FromRecordBatches({in.head});
    if (!table.ok()) return Problem(Status::Internal(table.status().ToString()));
    auto pipeline = FittedPipeline::Fit(config_.data.feature_pipeline, **table, fit);
    if (!pipeline.ok()) {
      return Problem(Status::DataError(fmt::format("{} (fitted on the first {} rows of '{}')",
                                                   pipeline.status().message(), in.head->num_rows(),
                                                   in.shown)));
    }
    found_.push_back(fmt::format("feature_pipeline ({} steps) fits its first {} rows",
                                 config_.data.feature_pipeline.size(), in.head->num_rows()));
  }

  // The split's feasibility, from the target column alone.
  void CheckSplit(const Input& in, ReadOptions read) {
    const std::string column = StratifyColumn(config_, *in.schema);
    if (column.empty()) return;
    const auto started = std::chrono::steady_clock::now();
    read.columns = {column};
    auto reader = BatchReader::Open(in.path, int64_t{1} << 16, read);
    if (!reader.ok()) return Problem(reader.status());
    std::map<std::string, int64_t> class_rows;
    while (true) {
      auto batch = (*reader)->Next();
      if (!batch.ok()) return Problem(batch.status());
      if (!*batch) break;
      Problem(CountClasses(*(*batch)->column(0), class_rows));
    }
    Problem(CheckStratifiedClasses(config_, *in.schema->GetFieldByName(column)->type(), class_rows,
                                   in.shown, config_.WherePrefix("data_config.split.stratify")));
    int64_t smallest = INT64_MAX;
    for (const auto& [key, rows] : class_rows) smallest = std::min(smallest, rows);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    found_.push_back(fmt::format(
        "stratified split on '{}': {} rows, {} classes, the smallest {} rows (read in {:.2f} s)",
        column, (*reader)->rows_read(), class_rows.size(), smallest, seconds));
  }

  Status CheckWithModel(JobType type, Input& in, const ReadOptions& base) {
    const auto& m = config_.model;
    auto bundle = LoadModelBundle(dirs_.models, m.model_name, m.model_version);
    if (!bundle.ok() && bundle.status().code() == StatusCode::kNotFound) {
      skipped.push_back(fmt::format("{} '{}': model {} not found ({}); train it first", in.key,
                                    in.shown, m.model_name, bundle.status().message()));
      return Status::OK();
    }
    MLPIPE_RETURN_NOT_OK(bundle.status());
    ReadOptions read = base;
    read.column_types = bundle->InputColumnTypes();
    if (!ReadHead(in, read)) return Status::OK();
    Status fits = CheckInputFitsModel(*bundle, in.key, in.shown, *in.schema, in.lineage_id);
    if (!fits.ok()) {
      Problem(fits);
    } else {
      found_.push_back(fmt::format("fits model {}@v{}", bundle->name, bundle->version));
    }
    if (type == JobType::kEvaluation && in.schema->GetFieldIndex(bundle->target_column) < 0) {
      Problem(Status::DataError(
          fmt::format("{}: '{}' has no target column '{}' to evaluate model {}@v{} against{}",
                      in.key, in.shown, bundle->target_column, bundle->name, bundle->version,
                      DidYouMeanSuffix(bundle->target_column, in.schema->field_names()))));
    }
    return Status::OK();
  }

  const config::JobConfig& config_;
  const JobDirs& dirs_;
  std::vector<std::string> found_;
  std::vector<std::string> problems_;
};

}  // namespace

Result<DataCheckReport> CheckJobData(JobType type, const config::JobConfig& resolved,
                                     const CheckedInput& input, const JobDirs& dirs) {
  DataCheckReport report;
  const std::string& shown = input.shown.empty() ? input.path : input.shown;
  if (input.path.empty()) return report;
  if (!PathExists(input.path)) {
    report.skipped.push_back(fmt::format("{} '{}' does not exist yet", input.key, shown));
    return report;
  }
  if (fs::is_directory(input.path)) {
    auto files = ListDataFiles(input.path);
    if (files.ok() && files->empty()) {
      report.skipped.push_back(fmt::format("{} '{}' holds no data files yet", input.key, shown));
      return report;
    }
  }
  Input in{input.key, input.path, shown, input.whole, nullptr, nullptr, ""};
  Checker checker(resolved, dirs);
  MLPIPE_RETURN_NOT_OK(checker.Run(type, in));
  report.skipped = checker.skipped;
  MLPIPE_RETURN_NOT_OK(checker.Finish(in, report));
  return report;
}

}  // namespace mlpipe::engine

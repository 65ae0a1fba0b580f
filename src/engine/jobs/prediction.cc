// prediction: stream the input in batch_size rows -> fitted pipelines -> model -> Parquet parts in
// a staging directory -> published at predictions_output_path in the job's commit
// (engine/io/output_commit.h: its write mode and ownership rule). Memory is bounded by the batch; a
// failure or timeout removes the staging directory, so no partial output is ever visible.
#include <fmt/format.h>

#include <algorithm>

#include "engine/io/batch_reader.h"
#include "engine/io/output_commit.h"
#include "engine/io/parquet_writer.h"
#include "engine/jobs/batch_scoring.h"
#include "engine/jobs/jobs.h"
#include "engine/jobs/model_bundle.h"
#include "util/fs.h"

namespace mlpipe::engine {

namespace {

// The output columns with about one distinct value per row (row numbers, probabilities, regression
// values): Parquet's dictionary encoding of them would only be built and dropped.
std::vector<std::string> PlainColumns(const arrow::Schema& schema,
                                      const std::vector<std::string>& id_columns) {
  std::vector<std::string> plain;
  for (const auto& field : schema.fields()) {
    const bool id =
        std::find(id_columns.begin(), id_columns.end(), field->name()) != id_columns.end();
    if (!id && (field->type()->id() == arrow::Type::DOUBLE || field->name() == "row_number")) {
      plain.push_back(field->name());
    }
  }
  return plain;
}

struct PredictionRun {
  int64_t rows = 0;
  int64_t batches = 0;
};

Result<PredictionRun> PredictInto(const config::JobConfig& config, const ModelBundle& bundle,
                                  const fs::path& staging, const JobContext& ctx) {
  const auto& d = config.data;
  const auto& job = config.ForJob(config::JobType::kPrediction);
  MLPIPE_ASSIGN_OR_RETURN(auto lineage_id, InputLineageId(d.prediction_input_path));
  ReadOptions read = ReadOptionsFor(d);
  read.column_types = bundle.InputColumnTypes();
  MLPIPE_ASSIGN_OR_RETURN(auto reader,
                          BatchReader::Open(d.prediction_input_path, job.batch_size, read));
  MLPIPE_ASSIGN_OR_RETURN(auto compression, ParseCompression(job.output_compression));
  std::unique_ptr<ParquetPartWriter> writer;
  PredictionRun run;
  while (true) {
    MLPIPE_ASSIGN_OR_RETURN(auto batch, reader->Next());
    if (!batch) break;
    MLPIPE_ASSIGN_OR_RETURN(auto out,
                            PredictBatch(bundle, *batch, lineage_id, d.id_columns, run.rows));
    if (!writer) {
      MLPIPE_ASSIGN_OR_RETURN(writer,
                              ParquetPartWriter::Open(staging, out->schema(), compression,
                                                      PlainColumns(*out->schema(), d.id_columns)));
    }
    MLPIPE_RETURN_NOT_OK(writer->Write(*out));
    run.rows += batch->num_rows();
    ++run.batches;
    ctx.report_progress(0.5, fmt::format("{} rows predicted", run.rows));
    MLPIPE_RETURN_NOT_OK(ctx.CheckStop(fmt::format("after {} rows", run.rows)));
  }
  if (!writer) {
    return Status::DataError("prediction input '" + d.prediction_input_path + "' has no rows");
  }
  MLPIPE_RETURN_NOT_OK(writer->Close());
  return run;
}

}  // namespace

Result<nlohmann::json> RunPrediction(const config::JobConfig& config, const JobDirs& dirs,
                                     const JobContext& ctx) {
  const auto& m = config.model;
  MLPIPE_ASSIGN_OR_RETURN(auto bundle, LoadModelBundle(dirs.models, m.model_name, m.model_version));
  ctx.log(fmt::format("model {}@v{} ({}), input {}", bundle.name, bundle.version,
                      TaskName(bundle.task), config.data.prediction_input_path));
  const auto type = config::JobType::kPrediction;
  PredictionRun run;
  MLPIPE_ASSIGN_OR_RETURN(
      auto staged,
      StageLocalOutput(ConfiguredOutputs(type, config).front(), WriterOf(type, config, ctx.run_id),
                       [&](const fs::path& staging) -> Status {
                         MLPIPE_ASSIGN_OR_RETURN(run, PredictInto(config, bundle, staging, ctx));
                         return Status::OK();
                       }));
  ctx.report_progress(1.0, fmt::format("{} rows predicted", run.rows));
  return ctx.commit([&]() -> Result<nlohmann::json> {
    MLPIPE_ASSIGN_OR_RETURN(auto out_dir, staged.Publish());
    return nlohmann::json{{"model", bundle.name + "@v" + std::to_string(bundle.version)},
                          {"predictions", out_dir.string()},
                          {"rows", run.rows},
                          {"batches", run.batches}};
  });
}

}  // namespace mlpipe::engine

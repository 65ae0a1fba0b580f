#include "engine/metrics/metrics_accumulator.h"

#include <cstring>

namespace mlpipe::engine {

namespace {

constexpr char kMagic[] =
    "MLPM1";  // format 1: magic, task, num_class, entries, then per entry the floats and a count

template <typename T>
void Put(std::string* out, T value) {
  out->append(reinterpret_cast<const char*>(&value), sizeof(T));
}

template <typename T>
bool Get(std::string_view* in, T* value) {
  if (in->size() < sizeof(T)) return false;
  std::memcpy(value, in->data(), sizeof(T));
  in->remove_prefix(sizeof(T));
  return true;
}

}  // namespace

MetricsAccumulator::MetricsAccumulator(Task task, int num_class)
    : task_(task), num_class_(num_class) {}

int MetricsAccumulator::PredictionWidth() const {
  return task_ == Task::kMulticlass ? num_class_ : 1;
}

void MetricsAccumulator::Add(const std::vector<float>& y, const std::vector<float>& pred) {
  const size_t width = static_cast<size_t>(PredictionWidth());
  std::vector<float> key(width + 1);
  for (size_t i = 0; i < y.size(); ++i) {
    key[0] = y[i];
    std::copy(pred.begin() + static_cast<std::ptrdiff_t>(i * width),
              pred.begin() + static_cast<std::ptrdiff_t>((i + 1) * width), key.begin() + 1);
    ++counts_[key];
  }
  rows_ += static_cast<int64_t>(y.size());
}

Status MetricsAccumulator::Merge(const MetricsAccumulator& other) {
  if (other.task_ != task_ || other.num_class_ != num_class_) {
    return Status::InvalidArgument(
        "cannot merge metrics of a " + std::string(TaskName(other.task_)) + " task with " +
        std::to_string(other.num_class_) + " classes into a " + std::string(TaskName(task_)) +
        " task with " + std::to_string(num_class_));
  }
  for (const auto& [key, n] : other.counts_) counts_[key] += n;
  rows_ += other.rows_;
  return Status::OK();
}

void MetricsAccumulator::Expand(std::vector<float>* y, std::vector<float>* pred) const {
  y->clear();
  pred->clear();
  y->reserve(static_cast<size_t>(rows_));
  pred->reserve(static_cast<size_t>(rows_ * PredictionWidth()));
  for (const auto& [key, n] : counts_) {
    for (int64_t i = 0; i < n; ++i) {
      y->push_back(key[0]);
      pred->insert(pred->end(), key.begin() + 1, key.end());
    }
  }
}

nlohmann::json MetricsAccumulator::Metrics() const {
  std::vector<float> y;
  std::vector<float> pred;
  Expand(&y, &pred);
  return ComputeMetrics(task_, y, pred, num_class_);
}

std::string MetricsAccumulator::Serialize() const {
  std::string out(kMagic, sizeof(kMagic) - 1);
  Put(&out, static_cast<int32_t>(task_));
  Put(&out, static_cast<int32_t>(num_class_));
  Put(&out, static_cast<int64_t>(counts_.size()));
  for (const auto& [key, n] : counts_) {
    out.append(reinterpret_cast<const char*>(key.data()), key.size() * sizeof(float));
    Put(&out, n);
  }
  return out;
}

Result<MetricsAccumulator> MetricsAccumulator::Deserialize(std::string_view bytes) {
  const Status malformed =
      Status::DataError("malformed partial metrics; driver and executors must run the same mlpipe");
  if (bytes.substr(0, sizeof(kMagic) - 1) != std::string_view(kMagic, sizeof(kMagic) - 1))
    return malformed;
  bytes.remove_prefix(sizeof(kMagic) - 1);
  int32_t task = 0;
  int32_t num_class = 0;
  int64_t entries = 0;
  if (!Get(&bytes, &task) || !Get(&bytes, &num_class) || !Get(&bytes, &entries) || task < 0 ||
      task > 2 || entries < 0) {
    return malformed;
  }
  MetricsAccumulator out(static_cast<Task>(task), num_class);
  const size_t width = static_cast<size_t>(out.PredictionWidth()) + 1;
  std::vector<float> key(width);
  for (int64_t e = 0; e < entries; ++e) {
    if (bytes.size() < width * sizeof(float)) return malformed;
    std::memcpy(key.data(), bytes.data(), width * sizeof(float));
    bytes.remove_prefix(width * sizeof(float));
    int64_t n = 0;
    if (!Get(&bytes, &n) || n <= 0) return malformed;
    out.counts_[key] += n;
    out.rows_ += n;
  }
  if (!bytes.empty()) return malformed;
  return out;
}

}  // namespace mlpipe::engine

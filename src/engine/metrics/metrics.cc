#include "engine/metrics/metrics.h"

#include <algorithm>
#include <cmath>

namespace mlpipe::engine {
namespace {

constexpr double kEps = 1e-15;

double Ratio(double num, double den) { return den == 0 ? 0.0 : num / den; }

int64_t RowSum(const ConfusionMatrix& cm, int cls) {
  int64_t s = 0;
  for (int64_t v : cm[static_cast<size_t>(cls)]) s += v;
  return s;
}

int64_t ColSum(const ConfusionMatrix& cm, int cls) {
  int64_t s = 0;
  for (const auto& row : cm) s += row[static_cast<size_t>(cls)];
  return s;
}

int64_t Diagonal(const ConfusionMatrix& cm, int cls) {
  return cm[static_cast<size_t>(cls)][static_cast<size_t>(cls)];
}

}  // namespace

std::vector<int> PredictedClasses(const std::vector<float>& pred, int num_class) {
  std::vector<int> out;
  if (num_class <= 2) {
    out.reserve(pred.size());
    for (float p : pred) out.push_back(p >= 0.5f ? 1 : 0);
    return out;
  }
  size_t k = static_cast<size_t>(num_class);
  for (size_t r = 0; r + k <= pred.size(); r += k) {
    auto row = pred.begin() + static_cast<std::ptrdiff_t>(r);
    out.push_back(static_cast<int>(std::max_element(row, row + num_class) - row));
  }
  return out;
}

double Accuracy(const std::vector<float>& y, const std::vector<int>& predicted) {
  if (y.empty()) return std::nan("");
  size_t hits = 0;
  for (size_t i = 0; i < y.size(); ++i) hits += static_cast<int>(y[i]) == predicted[i] ? 1 : 0;
  return static_cast<double>(hits) / static_cast<double>(y.size());
}

ConfusionMatrix Confusion(const std::vector<float>& y, const std::vector<int>& predicted,
                          int num_class) {
  size_t k = static_cast<size_t>(std::max(num_class, 2));
  ConfusionMatrix cm(k, std::vector<int64_t>(k, 0));
  for (size_t i = 0; i < y.size(); ++i) {
    ++cm[static_cast<size_t>(y[i])][static_cast<size_t>(predicted[i])];
  }
  return cm;
}

double Precision(const ConfusionMatrix& cm, int cls) {
  return Ratio(static_cast<double>(Diagonal(cm, cls)), static_cast<double>(ColSum(cm, cls)));
}

double Recall(const ConfusionMatrix& cm, int cls) {
  return Ratio(static_cast<double>(Diagonal(cm, cls)), static_cast<double>(RowSum(cm, cls)));
}

double F1(const ConfusionMatrix& cm, int cls) {
  // 2tp / (2tp + fp + fn), which is 0 exactly when precision or recall is.
  double tp = static_cast<double>(Diagonal(cm, cls));
  return Ratio(2 * tp, static_cast<double>(RowSum(cm, cls) + ColSum(cm, cls)));
}

double MacroF1(const ConfusionMatrix& cm) {
  double sum = 0;
  int present = 0;
  for (int c = 0; c < static_cast<int>(cm.size()); ++c) {
    if (RowSum(cm, c) + ColSum(cm, c) == 0) continue;
    sum += F1(cm, c);
    ++present;
  }
  return Ratio(sum, present);
}

double WeightedF1(const ConfusionMatrix& cm) {
  double sum = 0, total = 0;
  for (int c = 0; c < static_cast<int>(cm.size()); ++c) {
    auto support = static_cast<double>(RowSum(cm, c));
    sum += support * F1(cm, c);
    total += support;
  }
  return Ratio(sum, total);
}

double LogLoss(const std::vector<float>& y, const std::vector<float>& prob, int num_class) {
  if (y.empty()) return std::nan("");
  double sum = 0;
  for (size_t i = 0; i < y.size(); ++i) {
    double p;
    if (num_class <= 2) {
      p = y[i] > 0.5f ? prob[i] : 1.0 - prob[i];
    } else {
      p = prob[i * static_cast<size_t>(num_class) + static_cast<size_t>(y[i])];
    }
    sum -= std::log(std::clamp(p, kEps, 1 - kEps));
  }
  return sum / static_cast<double>(y.size());
}

double Rmse(const std::vector<float>& y, const std::vector<float>& pred) {
  double sum = 0;
  for (size_t i = 0; i < y.size(); ++i) sum += std::pow(static_cast<double>(y[i]) - pred[i], 2);
  return y.empty() ? std::nan("") : std::sqrt(sum / static_cast<double>(y.size()));
}

double Mae(const std::vector<float>& y, const std::vector<float>& pred) {
  double sum = 0;
  for (size_t i = 0; i < y.size(); ++i) sum += std::abs(static_cast<double>(y[i]) - pred[i]);
  return y.empty() ? std::nan("") : sum / static_cast<double>(y.size());
}

double R2(const std::vector<float>& y, const std::vector<float>& pred) {
  if (y.empty()) return std::nan("");
  double mean = 0;
  for (float v : y) mean += v;
  mean /= static_cast<double>(y.size());
  double ss_res = 0, ss_tot = 0;
  for (size_t i = 0; i < y.size(); ++i) {
    ss_res += std::pow(static_cast<double>(y[i]) - pred[i], 2);
    ss_tot += std::pow(static_cast<double>(y[i]) - mean, 2);
  }
  if (ss_tot == 0) return ss_res == 0 ? 1.0 : 0.0;
  return 1 - ss_res / ss_tot;
}

nlohmann::json ComputeMetrics(Task task, const std::vector<float>& y,
                              const std::vector<float>& pred, int num_class) {
  nlohmann::json m;
  m["rows"] = y.size();
  if (task == Task::kRegression) {
    m["rmse"] = Rmse(y, pred);
    m["mae"] = Mae(y, pred);
    m["r2"] = R2(y, pred);
    return m;
  }
  std::vector<int> predicted = PredictedClasses(pred, num_class);
  ConfusionMatrix cm = Confusion(y, predicted, num_class);
  m["accuracy"] = Accuracy(y, predicted);
  if (task == Task::kBinary) {
    m["precision"] = Precision(cm, 1);
    m["recall"] = Recall(cm, 1);
    m["f1"] = F1(cm, 1);
    m["roc_auc"] = RocAuc(y, pred);
    m["pr_auc"] = AveragePrecision(y, pred);
  } else {
    m["macro_f1"] = MacroF1(cm);
    m["weighted_f1"] = WeightedF1(cm);
  }
  m["log_loss"] = LogLoss(y, pred, num_class);
  m["confusion_matrix"] = cm;
  return m;
}

}  // namespace mlpipe::engine

// Evaluation metrics, defined as scikit-learn defines them, over plain vectors (no Arrow). Labels
// are class indices stored as float (0..k-1); binary scores are P(class 1); multiclass predictions
// are row-major n x k probabilities. REQUIRES: y and pred sizes agree (n, or n*k). Undefined values
// (e.g. ROC AUC with a single class present) are NaN, which nlohmann::json writes as null.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <vector>

#include "engine/metrics/task.h"

namespace mlpipe::engine {

using ConfusionMatrix = std::vector<std::vector<int64_t>>;  // [true class][predicted class]

// Binary: score >= 0.5 -> 1; multiclass: argmax of each row (first on ties).
std::vector<int> PredictedClasses(const std::vector<float>& pred, int num_class);
double Accuracy(const std::vector<float>& y, const std::vector<int>& predicted);
// num_class x num_class counts; for binary this is [[tn, fp], [fn, tp]].
ConfusionMatrix Confusion(const std::vector<float>& y, const std::vector<int>& predicted,
                          int num_class);
// Per-class scores from a confusion matrix; 0 when the denominator is 0 (sklearn zero_division=0).
double Precision(const ConfusionMatrix& cm, int cls);
double Recall(const ConfusionMatrix& cm, int cls);
double F1(const ConfusionMatrix& cm, int cls);
// Unweighted mean of per-class F1 over classes present in y or in the predictions.
double MacroF1(const ConfusionMatrix& cm);
// Mean of per-class F1 weighted by each class's support in y.
double WeightedF1(const ConfusionMatrix& cm);

// Area under the ROC curve: trapezoids over distinct thresholds (ties share a point), like sklearn.
double RocAuc(const std::vector<float>& y, const std::vector<float>& score);
// Average precision: sum over distinct thresholds of (R_n - R_{n-1}) * P_n (sklearn's definition).
double AveragePrecision(const std::vector<float>& y, const std::vector<float>& score);
// Mean negative log-likelihood with probabilities clipped to [1e-15, 1 - 1e-15].
double LogLoss(const std::vector<float>& y, const std::vector<float>& prob, int num_class);

double Rmse(const std::vector<float>& y, const std::vector<float>& pred);
double Mae(const std::vector<float>& y, const std::vector<float>& pred);
// 1 - SS_res / SS_tot; when y is constant: 1 for a perfect fit, else 0 (sklearn force_finite).
double R2(const std::vector<float>& y, const std::vector<float>& pred);

struct CurvePoint {
  double x = 0;          // ROC: false positive rate; PR: recall
  double y = 0;          // ROC: true positive rate; PR: precision
  double threshold = 0;  // score at or above which rows are called positive
};
// From (0, 0) to (1, 1), one point per distinct score, in decreasing threshold order.
std::vector<CurvePoint> RocCurve(const std::vector<float>& y, const std::vector<float>& score);
// One point per distinct score in decreasing threshold order, starting at (recall 0, precision 1).
std::vector<CurvePoint> PrCurve(const std::vector<float>& y, const std::vector<float>& score);

struct CalibrationBin {
  double lower = 0, upper = 0;  // bin edges on [0, 1]
  double mean_predicted = 0;
  double observed_rate = 0;  // fraction of positives among the bin's rows
  int64_t count = 0;
};
// `bins` equal-width bins over [0, 1]; empty bins are omitted (like sklearn calibration_curve).
std::vector<CalibrationBin> Calibration(const std::vector<float>& y, const std::vector<float>& prob,
                                        int bins = 10);

// Every metric of the task as one JSON object. Binary: accuracy, precision, recall, f1, roc_auc,
// pr_auc, log_loss, confusion_matrix; multiclass: accuracy, macro_f1, weighted_f1, log_loss,
// confusion_matrix; regression: rmse, mae, r2. Every task also gets "rows".
nlohmann::json ComputeMetrics(Task task, const std::vector<float>& y,
                              const std::vector<float>& pred, int num_class);

}  // namespace mlpipe::engine

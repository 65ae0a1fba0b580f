// Metrics merged from per-part accumulators (the Spark evaluation path) equal ComputeMetrics on all
// rows at once, for every task.
#include "engine/metrics/metrics_accumulator.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "mlpipe_testing/json_expect.h"

namespace mlpipe::engine {
namespace {

struct Data {
  std::vector<float> y;
  std::vector<float> pred;
};

// Scores rounded to 2 decimals so that ties (one curve point per distinct score) occur.
Data Make(Task task, int num_class, int rows) {
  std::mt19937 rng(3);
  std::uniform_real_distribution<float> u(0, 1);
  Data d;
  for (int i = 0; i < rows; ++i) {
    if (task == Task::kRegression) {
      d.y.push_back(u(rng) * 10);
      d.pred.push_back(d.y.back() + u(rng) - 0.5f);
    } else if (task == Task::kBinary) {
      d.y.push_back(u(rng) < 0.3f ? 1.0f : 0.0f);
      d.pred.push_back(std::round(std::clamp(d.y.back() * 0.4f + u(rng) * 0.6f, 0.0f, 1.0f) * 100) /
                       100);
    } else {
      const int cls = static_cast<int>(u(rng) * num_class) % num_class;
      d.y.push_back(static_cast<float>(cls));
      std::vector<float> p(static_cast<size_t>(num_class));
      float sum = 0;
      for (auto& v : p) sum += v = u(rng);
      p[static_cast<size_t>(cls)] += 0.5f;
      for (auto& v : p) d.pred.push_back(v / (sum + 0.5f));
    }
  }
  return d;
}

using mlpipe::testing::ExpectSameMetrics;

class MetricsAccumulatorTest : public ::testing::TestWithParam<std::pair<Task, int>> {};

TEST_P(MetricsAccumulatorTest, MergedPartsGiveTheMetricsOfAllRows) {
  const auto [task, num_class] = GetParam();
  const Data d = Make(task, num_class, 1000);
  const size_t width = task == Task::kMulticlass ? static_cast<size_t>(num_class) : 1;
  MetricsAccumulator total(task, num_class);
  for (size_t begin = 0; begin < d.y.size(); begin += 300) {
    const size_t end = std::min(d.y.size(), begin + 300);
    MetricsAccumulator part(task, num_class);
    part.Add({d.y.begin() + static_cast<std::ptrdiff_t>(begin),
              d.y.begin() + static_cast<std::ptrdiff_t>(end)},
             {d.pred.begin() + static_cast<std::ptrdiff_t>(begin * width),
              d.pred.begin() + static_cast<std::ptrdiff_t>(end * width)});
    auto shipped = MetricsAccumulator::Deserialize(part.Serialize());
    ASSERT_TRUE(shipped.ok()) << shipped.status().ToString();
    ASSERT_TRUE(total.Merge(*shipped).ok());
  }
  EXPECT_EQ(total.rows(), 1000);
  ExpectSameMetrics(total.Metrics(), ComputeMetrics(task, d.y, d.pred, num_class));
}

INSTANTIATE_TEST_SUITE_P(Tasks, MetricsAccumulatorTest,
                         ::testing::Values(std::make_pair(Task::kBinary, 2),
                                           std::make_pair(Task::kMulticlass, 4),
                                           std::make_pair(Task::kRegression, 0)));

TEST(MetricsAccumulatorErrors, RefusesMismatchAndGarbage) {
  MetricsAccumulator binary(Task::kBinary, 2);
  EXPECT_FALSE(binary.Merge(MetricsAccumulator(Task::kMulticlass, 3)).ok());
  EXPECT_FALSE(MetricsAccumulator::Deserialize("MLPM1xx").ok());
  std::string bytes = binary.Serialize();
  bytes.push_back('!');
  EXPECT_FALSE(MetricsAccumulator::Deserialize(bytes).ok());
}

}  // namespace
}  // namespace mlpipe::engine

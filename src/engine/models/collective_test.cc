// XGBoost's collective with a real tracker: two workers (threads; the communicator is thread-local)
// each train on half of the rows and end with the same model, as good as one trained on all rows.
#include "engine/models/collective.h"

#include <gtest/gtest.h>

#include <thread>

#include "engine/metrics/metrics.h"
#include "engine/models/cross_validation.h"
#include "engine/models/test_data.h"
#include "engine/models/xgboost_api.h"

namespace mlpipe::engine {
namespace {

TrainParams Params() {
  TrainParams p;
  p.booster = {{"objective", "binary:logistic"},
               {"max_depth", "4"},
               {"nthread", "1"},
               {"tree_method", "hist"}};
  p.num_rounds = 20;
  return p;
}

TEST(CollectiveTest, TwoWorkersTrainOneModel) {
  const testing::Dataset train = testing::Synthetic(2000, 0);
  const testing::Dataset test = testing::Synthetic(500, 0, 11);
  auto tracker = Tracker::Start(2, "127.0.0.1", 60);
  ASSERT_TRUE(tracker.ok()) << tracker.status().ToString();
  std::vector<std::string> models(2);
  std::vector<int> ranks(2, -1);
  std::vector<Status> errors(2);
  auto worker = [&](int task) {
    auto comm = Communicator::Join(tracker->worker_args(), task, 60);
    if (!comm.ok()) {
      errors[static_cast<size_t>(task)] = comm.status();
      return;
    }
    ranks[static_cast<size_t>(task)] = comm->rank();
    std::vector<int64_t> rows;
    for (int64_t r = task; r < train.x.rows; r += 2) rows.push_back(r);
    TrainParams params = Params();
    params.dataset_rows = train.x.rows;
    auto booster = Booster::Train(SelectRows(train.x, rows), SelectRows(train.y, rows), params);
    if (!booster.ok()) {
      errors[static_cast<size_t>(task)] = booster.status();
      return;
    }
    models[static_cast<size_t>(task)] = booster->Serialize().ValueOr("");
  };
  std::thread a(worker, 0), b(worker, 1);
  a.join();
  b.join();
  for (const Status& e : errors) ASSERT_TRUE(e.ok()) << e.ToString();
  EXPECT_TRUE(tracker->Wait().ok());
  EXPECT_EQ(ranks, (std::vector<int>{0, 1}));
  ASSERT_FALSE(models[0].empty());
  EXPECT_EQ(models[0], models[1]);

  auto distributed = Booster::FromBytes(models[0], "rank 0");
  ASSERT_TRUE(distributed.ok()) << distributed.status().ToString();
  auto single = Booster::Train(train.x, train.y, Params());
  ASSERT_TRUE(single.ok());
  const double auc_distributed = RocAuc(test.y, *distributed->Predict(test.x));
  const double auc_single = RocAuc(test.y, *single->Predict(test.x));
  EXPECT_GT(auc_distributed, 0.95);
  EXPECT_NEAR(auc_distributed, auc_single, 0.01);
}

TEST(CollectiveTest, SerializedModelLoadsBack) {
  const testing::Dataset d = testing::Synthetic(300, 0);
  auto booster = Booster::Train(d.x, d.y, Params());
  ASSERT_TRUE(booster.ok());
  auto bytes = booster->Serialize();
  ASSERT_TRUE(bytes.ok());
  auto back = Booster::FromBytes(*bytes, "memory");
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(*back->Predict(d.x), *booster->Predict(d.x));
  EXPECT_EQ(back->feature_names(), d.x.names);
  auto bad = Booster::FromBytes("garbage", "memory");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("cannot load model 'memory'"), std::string::npos);
}

}  // namespace
}  // namespace mlpipe::engine

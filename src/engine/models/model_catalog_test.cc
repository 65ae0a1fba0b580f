#include "engine/models/model_catalog.h"

#include <gtest/gtest.h>

#include "mlpipe_testing/memory_file_store.h"

namespace mlpipe::engine {
namespace {

TEST(ListModelsTest, ListsModelsWithTheirVersionsAndTheOneLatestNames) {
  testing::MemoryFileStore store;
  store.Add("/ml/models/churn/v1/model.ubj", "a");
  store.Add("/ml/models/churn/v2/model.ubj", "b");
  store.Add("/ml/models/churn/v10/model.ubj", "c");
  store.Add("/ml/models/churn/latest", "v2\n");     // latest named an older version: it is believed
  store.Add("/ml/models/alpha/v3/model.ubj", "d");  // no latest file: the newest
  store.Add("/ml/models/.staging-x/v1/model.ubj", "e");  // not a model name
  store.Add("/ml/models/README", "f");                   // a file, not a model
  ASSERT_TRUE(store.Mkdirs("/ml/models/empty").ok());
  auto models = ListModels(store, "/ml/models");
  ASSERT_TRUE(models.ok()) << models.status().ToString();
  ASSERT_EQ(models->size(), 3u);
  EXPECT_EQ((*models)[0].name, "alpha");
  EXPECT_EQ((*models)[0].versions, std::vector<int>({3}));
  EXPECT_EQ((*models)[0].latest, 3);
  EXPECT_EQ((*models)[1].name, "churn");
  EXPECT_EQ((*models)[1].versions, std::vector<int>({1, 2, 10}));
  EXPECT_EQ((*models)[1].latest, 2);
  EXPECT_EQ((*models)[2].name, "empty");
  EXPECT_TRUE((*models)[2].versions.empty());
  EXPECT_FALSE((*models)[2].latest.has_value());
}

TEST(ListModelsTest, AMissingRepositoryHoldsNoModels) {
  testing::MemoryFileStore store;
  auto models = ListModels(store, "/ml/models");
  ASSERT_TRUE(models.ok()) << models.status().ToString();
  EXPECT_TRUE(models->empty());
}

}  // namespace
}  // namespace mlpipe::engine

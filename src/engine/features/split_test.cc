#include "engine/features/split.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sstream>

#include "engine/features/test_tables.h"

namespace mlpipe::engine {
namespace {

using testing::Strings;
using testing::TableFromCsv;

// 100 rows: id 0..99, cls "a" for 80 rows and "b" for 20.
std::shared_ptr<arrow::Table> Sample() {
  std::ostringstream csv;
  csv << "id,cls\n";
  for (int i = 0; i < 100; ++i) csv << i << "," << (i % 5 == 0 ? "b" : "a") << "\n";
  return TableFromCsv(csv.str());
}

int64_t Count(const arrow::Table& t, const std::string& cls) {
  int64_t n = 0;
  for (const auto& v : Strings(t, "cls")) n += v == cls;
  return n;
}

std::vector<int64_t> Ids(const arrow::Table& t) {
  std::vector<int64_t> ids;
  for (const auto& chunk : t.GetColumnByName("id")->chunks()) {
    auto a = std::static_pointer_cast<arrow::Int64Array>(chunk);
    for (int64_t i = 0; i < a->length(); ++i) ids.push_back(a->Value(i));
  }
  return ids;
}

TEST(SplitTest, SizesAndStratification) {
  config::SplitSpec spec;
  spec.test_size = 0.25;
  auto r = TrainValidationSplit(*Sample(), spec, "cls");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const auto& [train, val] = *r;
  EXPECT_EQ(train->num_rows(), 75);
  EXPECT_EQ(val->num_rows(), 25);
  EXPECT_EQ(Count(*val, "a"), 20);
  EXPECT_EQ(Count(*val, "b"), 5);
  auto ids = Ids(*val);
  EXPECT_TRUE(std::is_sorted(ids.begin(), ids.end()));  // input order kept
  auto all = Ids(*train);
  all.insert(all.end(), ids.begin(), ids.end());
  std::sort(all.begin(), all.end());
  for (int64_t i = 0; i < 100; ++i) ASSERT_EQ(all[static_cast<size_t>(i)], i);
}

TEST(SplitTest, DeterministicForSeedAndDifferentAcrossSeeds) {
  config::SplitSpec spec;
  spec.test_size = 0.3;
  spec.seed = 7;
  auto a = TrainValidationSplit(*Sample(), spec, "");
  auto b = TrainValidationSplit(*Sample(), spec, "");
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(a->second->num_rows(), 30);
  EXPECT_EQ(Ids(*a->second), Ids(*b->second));
  spec.seed = 8;
  auto c = TrainValidationSplit(*Sample(), spec, "");
  ASSERT_TRUE(c.ok());
  EXPECT_NE(Ids(*a->second), Ids(*c->second));
}

TEST(SplitTest, ZeroTestSizeAndErrors) {
  config::SplitSpec spec;
  spec.test_size = 0;
  auto r = TrainValidationSplit(*Sample(), spec, "cls");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->first->num_rows(), 100);
  EXPECT_EQ(r->second->num_rows(), 0);
  auto missing = TrainValidationSplit(*Sample(), spec, "clss");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  spec.test_size = 1.5;
  EXPECT_EQ(TrainValidationSplit(*Sample(), spec, "").status().code(),
            StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace mlpipe::engine

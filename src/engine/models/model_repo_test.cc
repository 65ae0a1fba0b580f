#include "engine/models/model_repo.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <thread>

#include "mlpipe_testing/temp_dir.h"

namespace mlpipe::engine {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

class ModelRepositoryTest : public ::testing::Test {
 protected:
  // A staging directory (beside the repository, on its filesystem) holding one file whose content
  // identifies it.
  fs::path Staged(const std::string& name, const std::string& tag) {
    const fs::path dir = tmp_.path() / "staging" / (name + "-" + tag);
    EXPECT_TRUE(MakeDirs(dir).ok());
    EXPECT_TRUE(WriteFileAtomic(dir / "model.ubj", tag).ok());
    return dir;
  }

  mlpipe::testing::TempDir tmp_;
  ModelRepository repo_{tmp_.path() / "models"};
};

TEST_F(ModelRepositoryTest, PublishAllocatesIncreasingVersionsAndUpdatesLatest) {
  Result<PublishedModel> v1 = repo_.Publish("churn", Staged("churn", "one"));
  ASSERT_TRUE(v1.ok()) << v1.status().ToString();
  EXPECT_EQ(v1->version, 1);
  EXPECT_EQ(v1->dir, tmp_.path() / "models" / "churn" / "v1");
  Result<PublishedModel> v2 = repo_.Publish("churn", Staged("churn", "two"));
  ASSERT_TRUE(v2.ok());
  EXPECT_EQ(v2->version, 2);
  EXPECT_EQ(*ReadFile(tmp_.path() / "models" / "churn" / "latest"), "v2\n");
  EXPECT_EQ(*ReadFile(*repo_.Resolve("churn", "") / "model.ubj"), "two");
  EXPECT_EQ(*ReadFile(*repo_.Resolve("churn", "latest") / "model.ubj"), "two");
  EXPECT_EQ(*ReadFile(*repo_.Resolve("churn", "1") / "model.ubj"), "one");
  EXPECT_EQ(*ReadFile(*repo_.Resolve("churn", "v1") / "model.ubj"), "one");
  EXPECT_THAT(*repo_.Versions("churn"), ElementsAre(1, 2));
  EXPECT_THAT(repo_.ModelNames(), ElementsAre("churn"));  // staging dirs are hidden
}

TEST_F(ModelRepositoryTest, ConcurrentPublishesGetDistinctVersions) {
  constexpr int kThreads = 8;
  std::vector<fs::path> staged;
  for (int i = 0; i < kThreads; ++i) staged.push_back(Staged("m", std::to_string(i)));
  std::vector<int> versions(kThreads, 0);
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      Result<PublishedModel> p = repo_.Publish("m", staged[static_cast<size_t>(i)]);
      versions[static_cast<size_t>(i)] = p.ok() ? p->version : -1;
    });
  }
  for (std::thread& t : threads) t.join();
  std::sort(versions.begin(), versions.end());
  EXPECT_THAT(versions, ElementsAre(1, 2, 3, 4, 5, 6, 7, 8));
  EXPECT_EQ(*ReadFile(tmp_.path() / "models" / "m" / "latest"), "v8\n");
  for (int v = 1; v <= kThreads; ++v) {
    EXPECT_TRUE(PathExists(tmp_.path() / "models" / "m" / ("v" + std::to_string(v)) / "model.ubj"));
  }
}

TEST_F(ModelRepositoryTest, NotFoundMessagesListWhatExists) {
  ASSERT_TRUE(repo_.Publish("churn", Staged("churn", "x")).ok());
  Result<fs::path> model = repo_.Resolve("chrun", "");
  ASSERT_EQ(model.status().code(), StatusCode::kNotFound);
  EXPECT_THAT(model.status().message(), HasSubstr("did you mean 'churn'"));
  EXPECT_THAT(model.status().message(), HasSubstr("available models: churn"));
  Result<fs::path> version = repo_.Resolve("churn", "v7");
  ASSERT_EQ(version.status().code(), StatusCode::kNotFound);
  EXPECT_THAT(version.status().message(), HasSubstr("no version v7; available versions: v1"));
  EXPECT_EQ(repo_.Resolve("churn", "seven").status().code(), StatusCode::kInvalidArgument);
}

TEST_F(ModelRepositoryTest, LatestFallsBackToHighestVersionWhenFileIsMissing) {
  ASSERT_TRUE(repo_.Publish("m", Staged("m", "a")).ok());
  ASSERT_TRUE(repo_.Publish("m", Staged("m", "b")).ok());
  ASSERT_TRUE(RemoveAll(tmp_.path() / "models" / "m" / "latest").ok());
  EXPECT_EQ(*repo_.Resolve("m", "latest"), tmp_.path() / "models" / "m" / "v2");
}

TEST_F(ModelRepositoryTest, RejectsBadNamesAndMissingStaging) {
  EXPECT_EQ(repo_.Publish("../evil", tmp_.path()).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(repo_.Publish("ok", tmp_.path() / "nope").status().code(), StatusCode::kNotFound);
}

TEST(ModelVersionTest, ParsesEveryForm) {
  EXPECT_FALSE(ParseModelVersion("")->has_value());
  EXPECT_FALSE(ParseModelVersion("latest")->has_value());
  EXPECT_EQ(*ParseModelVersion("3"), 3);
  EXPECT_EQ(*ParseModelVersion("v3"), 3);
  EXPECT_EQ(ParseModelVersion("x").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(ParseModelVersion("0").status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace mlpipe::engine

#include "engine/jobs/job_warnings.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace mlpipe::engine {
namespace {

using ::testing::HasSubstr;

TEST(JobWarningsTest, CvFoldsAboveTheSmallestClassNameTheClassAndAFix) {
  const std::vector<std::string> classes = {"no", "yes"};
  const std::vector<float> y = {0, 0, 0, 0, 0, 0, 1, 1, 1};
  EXPECT_EQ(CvFoldsWarning(Task::kBinary, classes, y, 3), std::nullopt);
  EXPECT_THAT(CvFoldsWarning(Task::kBinary, classes, y, 5).value_or(""),
              HasSubstr("cv_folds is 5 but class 'yes' has only 3 training rows, so some folds "
                        "have none of it and "
                        "their metrics are unreliable; lower cv_folds to 3"));
  EXPECT_THAT(CvFoldsWarning(Task::kBinary, classes, {0, 0, 1}, 2).value_or(""),
              HasSubstr("add rows of that class or set cv_folds: 0"));
  EXPECT_EQ(CvFoldsWarning(Task::kRegression, {}, {1.5, 2.5}, 5), std::nullopt);
}

TEST(JobWarningsTest, PipelineKeepingNoRowsAndTheDiagnosticsLines) {
  EXPECT_EQ(PipelineKeptNoRowsWarning("training", 10, 1), std::nullopt);
  EXPECT_EQ(PipelineKeptNoRowsWarning("validation", 0, 0), std::nullopt);  // nothing to keep
  EXPECT_THAT(PipelineKeptNoRowsWarning("validation", 12, 0).value_or(""),
              HasSubstr("kept 0 of the 12 validation rows"));
  EXPECT_EQ(WarningsDiagnostics({}), "");
  EXPECT_EQ(WarningsDiagnostics({"a", "b"}), "warning: a\nwarning: b");
}

}  // namespace
}  // namespace mlpipe::engine

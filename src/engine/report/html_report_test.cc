#include "engine/report/html_report.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>

#include "engine/report/svg.h"

namespace mlpipe::engine {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

ReportInput BinaryInput() {
  ReportInput in;
  in.model_name = "churn<model>";
  in.model_version = "v2";
  in.data_path = "data/validation & more";
  in.generated_at = "2024-01-01T00:00:00Z";
  in.task = Task::kBinary;
  in.classes = {"no", "yes"};
  in.y = {0, 0, 1, 1, 0, 1};
  in.pred = {0.1f, 0.6f, 0.35f, 0.8f, 0.2f, 0.9f};
  in.importance = {{"total<charges>", 3.5}, {"tenure", 1.0}};
  return in;
}

int CountOf(const std::string& haystack, const std::string& needle) {
  int n = 0;
  for (size_t pos = haystack.find(needle); pos != std::string::npos;
       pos = haystack.find(needle, pos + 1))
    ++n;
  return n;
}

TEST(HtmlReportTest, BinaryReportIsSelfContainedWithAllCharts) {
  std::string html = RenderEvaluationReport(BinaryInput());
  EXPECT_THAT(html, HasSubstr("<!DOCTYPE html>"));
  EXPECT_EQ(CountOf(html, "<svg"), 5);  // ROC, PR, calibration, confusion, importance
  EXPECT_THAT(html, HasSubstr("ROC curve"));
  EXPECT_THAT(html, HasSubstr("Calibration"));
  EXPECT_THAT(html, Not(HasSubstr("http://")));
  EXPECT_THAT(html, Not(HasSubstr("https://")));
  EXPECT_THAT(html, Not(HasSubstr("<script")));
  EXPECT_THAT(html, Not(HasSubstr("<link")));
}

TEST(HtmlReportTest, EscapesUserText) {
  std::string html = RenderEvaluationReport(BinaryInput());
  EXPECT_THAT(html, HasSubstr("churn&lt;model&gt;@v2"));
  EXPECT_THAT(html, HasSubstr("data/validation &amp; more"));
  EXPECT_THAT(html, HasSubstr("total&lt;charges&gt;"));
  EXPECT_THAT(html, Not(HasSubstr("<model>")));
  EXPECT_THAT(html, Not(HasSubstr("<charges>")));
}

TEST(HtmlReportTest, MetricsTableShowsComputedValues) {
  std::string html = RenderEvaluationReport(BinaryInput());
  // Scores sorted: .9+ .8+ .6- .35+ .2- .1- -> 8 of 9 positive/negative pairs ordered.
  EXPECT_THAT(html, HasSubstr("<td>roc_auc</td><td>0.889</td>"));
  EXPECT_THAT(html, HasSubstr("<td>rows</td><td>6</td>"));
  // Confusion counts at 0.5: tn=2 fp=1 fn=1 tp=2, written in the heatmap cells.
  EXPECT_THAT(html, HasSubstr("true no / predicted yes: 1"));
  EXPECT_THAT(html, HasSubstr("true yes / predicted yes: 2"));
}

TEST(HtmlReportTest, RegressionReportHasScatterAndNoClassCharts) {
  ReportInput in;
  in.model_name = "price";
  in.model_version = "v1";
  in.task = Task::kRegression;
  in.num_class = 0;
  for (int i = 0; i < 5000; ++i) {
    in.y.push_back(static_cast<float>(i));
    in.pred.push_back(static_cast<float>(i) + 1);
  }
  std::string html = RenderEvaluationReport(in);
  EXPECT_THAT(html, HasSubstr("Predicted vs actual"));
  EXPECT_THAT(html, Not(HasSubstr("ROC curve")));
  EXPECT_THAT(html, HasSubstr("<td>rmse</td><td>1</td>"));
  EXPECT_THAT(html, HasSubstr("No feature importance available."));
  EXPECT_EQ(CountOf(html, "<circle"), 1667);  // 5000 rows sampled with stride 3
}

TEST(HtmlReportTest, MulticlassReportHasHeatmapOnly) {
  ReportInput in;
  in.model_name = "iris";
  in.model_version = "v1";
  in.task = Task::kMulticlass;
  in.num_class = 3;
  in.classes = {"setosa", "versicolor", "virginica"};
  in.y = {0, 1, 2};
  in.pred = {0.8f, 0.1f, 0.1f, 0.1f, 0.8f, 0.1f, 0.6f, 0.2f, 0.2f};
  std::string html = RenderEvaluationReport(in);
  EXPECT_EQ(CountOf(html, "<svg"), 1);
  EXPECT_THAT(html, HasSubstr("true virginica / predicted setosa: 1"));
  EXPECT_THAT(html, HasSubstr("macro_f1"));
}

TEST(SvgTest, EscapeAndNumberFormatting) {
  EXPECT_EQ(svg::Escape(R"(<a href="x">'&'</a>)"),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  EXPECT_EQ(svg::Number(0.5), "0.5");
  EXPECT_EQ(svg::Number(2.0), "2");
  EXPECT_EQ(svg::Number(0.88888), "0.889");
  EXPECT_EQ(svg::Number(std::nan("")), "n/a");
}

}  // namespace
}  // namespace mlpipe::engine

#include "engine/io/input_files.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace mlpipe::engine {
namespace {

using ::testing::HasSubstr;

// The rule on a listing from another filesystem (what the Spark side lists on HDFS).
TEST(SelectInputFilesTest, DirectoryListingKeepsDataFilesInNameOrder) {
  const std::vector<ListedEntry> listing = {{"part-2.csv", true},
                                            {"_SUCCESS", true},
                                            {".part-1.csv.crc", true},
                                            {"part-1.csv", true},
                                            {"nested", false}};
  Result<InputFiles> in = SelectInputFiles("hdfs://nn:8020/data/raw", listing, "auto");
  ASSERT_TRUE(in.ok()) << in.status().ToString();
  ASSERT_EQ(in->files.size(), 2u);
  EXPECT_EQ(in->files[0].string(), "hdfs://nn:8020/data/raw/part-1.csv");
  EXPECT_EQ(in->files[1].string(), "hdfs://nn:8020/data/raw/part-2.csv");
  EXPECT_EQ(in->format, FileFormat::kCsv);
}

TEST(SelectInputFilesTest, PlainFileAndExplicitFormat) {
  Result<InputFiles> in = SelectInputFiles("/d/x.data", std::nullopt, "parquet");
  ASSERT_TRUE(in.ok()) << in.status().ToString();
  EXPECT_EQ(in->format, FileFormat::kParquet);
  EXPECT_EQ(in->files, std::vector<fs::path>{"/d/x.data"});
}

TEST(SelectInputFilesTest, RefusesWhatTheLocalReaderRefuses) {
  const auto error = [](std::optional<std::vector<ListedEntry>> listing, const std::string& fmt) {
    return SelectInputFiles("/in", listing, fmt).status();
  };
  Status empty = error(std::vector<ListedEntry>{{"_SUCCESS", true}}, "auto");
  EXPECT_EQ(empty.code(), StatusCode::kDataError);
  EXPECT_THAT(empty.message(), HasSubstr("contains no data files"));
  Status mixed = error(std::vector<ListedEntry>{{"a.csv", true}, {"b.parquet", true}}, "auto");
  EXPECT_THAT(mixed.message(), HasSubstr("mixes CSV and Parquet"));
  Status unknown = error(std::nullopt, "auto");
  EXPECT_THAT(unknown.message(), HasSubstr("cannot tell the format of '/in'"));
  EXPECT_EQ(error(std::nullopt, "orc").code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace mlpipe::engine

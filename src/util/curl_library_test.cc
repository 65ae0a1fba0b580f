#include "util/curl_library.h"

#include <gtest/gtest.h>

namespace mlpipe::util {
namespace {

TEST(CurlLibraryTest, LoadsOnceWithEveryFunction) {
  auto first = LoadCurlLibrary();
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  const CurlLibrary* lib = *first;
  EXPECT_NE(lib->easy_init, nullptr);
  EXPECT_NE(lib->easy_setopt, nullptr);
  EXPECT_NE(lib->slist_free_all, nullptr);
  EXPECT_STREQ(lib->easy_strerror(CURLE_OK), "No error");
  auto again = LoadCurlLibrary();
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, lib);
}

}  // namespace
}  // namespace mlpipe::util

#include "store/sqlite_db.h"

#include <gtest/gtest.h>

#include "mlpipe_testing/temp_dir.h"

namespace mlpipe::store {
namespace {

TEST(StatementTest, ABindSqliteRefusesIsReportedByTheNextStep) {
  mlpipe::testing::TempDir dir;
  auto db = SqliteDb::Open(dir.path() / "r.db", 1000);
  ASSERT_TRUE(db.ok()) << db.status().ToString();
  auto st = (*db)->Prepare("SELECT ?");
  ASSERT_TRUE(st.ok()) << st.status().ToString();
  st->Bind(2, int64_t{7}).Bind(1, "x");  // there is no parameter 2
  Result<bool> row = st->Step();
  ASSERT_FALSE(row.ok());
  EXPECT_NE(row.status().message().find("binding parameter 2 of SELECT ?"), std::string::npos)
      << row.status().message();
  EXPECT_NE(row.status().message().find("r.db"), std::string::npos) << row.status().message();
}

TEST(StatementTest, BoundValuesAreRead) {
  mlpipe::testing::TempDir dir;
  auto db = SqliteDb::Open(dir.path() / "r.db", 1000);
  ASSERT_TRUE(db.ok()) << db.status().ToString();
  auto st = (*db)->Prepare("SELECT ?, ?, ?");
  ASSERT_TRUE(st.ok()) << st.status().ToString();
  st->Bind(1, "text").Bind(2, int64_t{42}).Bind(3, 0.5);
  Result<bool> row = st->Step();
  ASSERT_TRUE(row.ok() && *row) << row.status().ToString();
  EXPECT_EQ(st->Text(0), "text");
  EXPECT_EQ(st->Int(1), 42);
  EXPECT_EQ(st->Double(2), 0.5);
}

}  // namespace
}  // namespace mlpipe::store

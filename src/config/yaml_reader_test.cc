#include "config/yaml_reader.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include "config/config_test_util.h"
#include "mlpipe_testing/temp_dir.h"

namespace mlpipe::config {
namespace {

using mlpipe::testing::TempDir;
using ::testing::HasSubstr;
using ::testing::Not;

TEST(YamlReaderTest, RecordsLocationsOfNodesAndKeys) {
  Result<ConfigNode> root = ParseYaml("a:\n  b: 1\n  c: [x, \"2\"]\nd:\n", "f.yaml");
  ASSERT_TRUE(root.ok()) << root.status().ToString();
  const ConfigNode* a = root->Find("a");
  ASSERT_NE(a, nullptr);
  ASSERT_TRUE(a->IsMap());
  EXPECT_EQ(a->entries[0].key_where.ToString(), "f.yaml:2:3");
  EXPECT_EQ(a->Find("b")->where.ToString(), "f.yaml:2:6");
  EXPECT_EQ(a->Find("b")->scalar, "1");
  const ConfigNode* c = a->Find("c");
  ASSERT_TRUE(c->IsSequence());
  EXPECT_FALSE(c->items[0].quoted);
  EXPECT_TRUE(c->items[1].quoted);
  EXPECT_EQ(c->items[1].where.ToString(), "f.yaml:3:10");
  EXPECT_TRUE(root->Find("d")->IsNull());
}

TEST(YamlReaderTest, EmptyDocumentIsEmptyMap) {
  Result<ConfigNode> root = ParseYaml("# only a comment\n", "f.yaml");
  ASSERT_TRUE(root.ok());
  EXPECT_TRUE(root->IsMap());
  EXPECT_TRUE(root->entries.empty());
}

TEST(YamlReaderTest, SyntaxErrorHasLocation) {
  Result<ConfigNode> root = ParseYaml("a:\n  b: [1, 2\nc: 3\n", "bad.yaml");
  ASSERT_FALSE(root.ok());
  EXPECT_EQ(root.status().code(), StatusCode::kConfigError);
  EXPECT_THAT(root.status().message(), HasSubstr("bad.yaml:"));
  EXPECT_THAT(root.status().message(), HasSubstr("YAML syntax error"));
}

TEST(YamlReaderTest, AQuoteLeftOpenIsRefusedWhereItOpened) {
  // yaml-cpp would read the rest of the file into queue's value, and the keys after it vanish.
  const std::string open_at_end = "env:\n  queue: \"ml\n  owner: x\nlimits:\n  memory: 8g\n";
  EXPECT_THAT(ParseYaml(open_at_end, "f.yaml").status().message(),
              HasSubstr("f.yaml:2:10: this quoted value runs on to line 3 ('owner:'): its "
                        "closing quote is missing; close it on line 2"));
  // The swallowed line's value is never quoted: it may be a password.
  const std::string before_secret = "ssl:\n  path: \"/ks.jks\n  password: hunter2\n";
  const Status st = ParseYaml(before_secret, "f.yaml").status();
  EXPECT_THAT(st.message(), HasSubstr("runs on to line 3 ('password:')"));
  EXPECT_THAT(st.message(), Not(HasSubstr("hunter2")));
  const std::string closed_later = "a: 'x\n- item\n  b: y'\n";
  EXPECT_THAT(ParseYaml(closed_later, "f.yaml").status().message(),
              HasSubstr("f.yaml:1:4: this quoted value runs on to line 2 (a list item)"));
  EXPECT_THAT(ParseYaml("a: \"never closed\n", "f.yaml").status().message(),
              HasSubstr("f.yaml:1:4: the quote opened here is never closed"));
  // A value that only wraps, and quotes escaped inside quotes, are fine.
  Result<ConfigNode> wrapped =
      ParseYaml("expr: \"a +\n  b\"\nq: 'it''s: ok'\nd: \"say \\\"x: y\\\"\"\n", "f.yaml");
  ASSERT_TRUE(wrapped.ok()) << wrapped.status().ToString();
  EXPECT_EQ(wrapped->Find("expr")->scalar, "a + b");
  EXPECT_EQ(wrapped->Find("q")->scalar, "it's: ok");
  EXPECT_EQ(wrapped->Find("d")->scalar, "say \"x: y\"");
}

TEST(YamlReaderTest, RejectsAnchorsAndAliases) {
  Result<ConfigNode> root = ParseYaml("a: &x {b: 1}\nc: *x\n", "f.yaml");
  ASSERT_FALSE(root.ok());
  EXPECT_THAT(root.status().message(), HasSubstr("f.yaml:1:4: YAML anchors"));
  EXPECT_THAT(root.status().message(), HasSubstr("f.yaml:2:4: YAML aliases are not supported"));
}

TEST(YamlReaderTest, RejectsDeepNesting) {
  std::string deep;
  for (int i = 0; i < 70; ++i) deep += "[";
  for (int i = 0; i < 70; ++i) deep += "]";
  Result<ConfigNode> root = ParseYaml("a: " + deep + "\n", "f.yaml");
  ASSERT_FALSE(root.ok());
  EXPECT_THAT(root.status().message(), HasSubstr("nesting deeper than 64 levels"));
  std::string ok_depth;
  for (int i = 0; i < 60; ++i) ok_depth += "[";
  for (int i = 0; i < 60; ++i) ok_depth += "]";
  EXPECT_TRUE(ParseYaml("a: " + ok_depth + "\n", "f.yaml").ok());
}

TEST(YamlReaderTest, RejectsDuplicateKeysAndNonMapTopLevel) {
  EXPECT_THAT(ParseYaml("a: 1\na: 2\n", "f.yaml").status().message(),
              HasSubstr("f.yaml:2:1: duplicate key 'a'"));
  EXPECT_THAT(ParseYaml("- a\n- b\n", "f.yaml").status().message(),
              HasSubstr("f.yaml:1:1: the top level must be a map"));
  EXPECT_THAT(ParseYaml("a: 1\n---\nb: 2\n", "f.yaml").status().message(),
              HasSubstr("f.yaml:3:1: a second YAML document starts here"));
}

TEST(YamlReaderTest, FileHazards) {
  TempDir dir;
  Result<ConfigNode> missing = ReadYamlFile((dir.path() / "nope.yaml").string());
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  EXPECT_THAT(missing.status().message(), HasSubstr("nope.yaml' not found"));
  EXPECT_THAT(missing.status().message(), HasSubstr("-c"));

  const std::string big =
      dir.Write("big.yaml", "a: \"" + std::string(kMaxConfigFileBytes, 'x') + "\"\n").string();
  Result<ConfigNode> too_big = ReadYamlFile(big);
  EXPECT_EQ(too_big.status().code(), StatusCode::kConfigError);
  EXPECT_THAT(too_big.status().message(), HasSubstr("the limit is 1048576"));

  Result<ConfigNode> directory = ReadYamlFile(dir.path().string());
  EXPECT_EQ(directory.status().code(), StatusCode::kConfigError);
  EXPECT_THAT(directory.status().message(), HasSubstr("is a directory, not a regular file"));
  const std::string fifo = (dir.path() / "fifo.yaml").string();
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  Result<ConfigNode> from_fifo = ReadYamlFile(fifo);  // returns at once: nobody writes the FIFO
  EXPECT_EQ(from_fifo.status().code(), StatusCode::kConfigError);
  EXPECT_THAT(from_fifo.status().message(), HasSubstr("fifo.yaml' is a FIFO, not a regular file"));

  Result<ConfigNode> ok = ReadYamlFile(dir.Write("ok.yaml", "a: 1\n").string());
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok->Find("a")->where.file, (dir.path() / "ok.yaml").string());
}

}  // namespace
}  // namespace mlpipe::config

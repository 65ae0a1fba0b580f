// Fuzzes the feature pipeline's expression language (config/expression.h) and its evaluator
// (engine/features/expression_eval.h). Properties: parsing never crashes or hangs on any text;
// a parsed expression's canonical form parses again to the same canonical form; evaluating it over
// a small batch with numeric, string, boolean and null columns returns a Status (never crashes)
// and, when it succeeds, one value per row.
#include <arrow/api.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "config/expression.h"
#include "engine/features/expression_eval.h"
#include "fuzz_input.h"

namespace {

using mlpipe::config::ParseExpression;
using mlpipe::config::SourceLocation;
using mlpipe::config::ToString;

std::shared_ptr<arrow::RecordBatch> SampleBatch() {
  arrow::DoubleBuilder x;
  arrow::Int64Builder n;
  arrow::StringBuilder s;
  arrow::BooleanBuilder b;
  (void)x.AppendValues(std::vector<double>{1.5, -2.0, 0.0});
  (void)x.AppendNull();
  (void)n.AppendValues(std::vector<int64_t>{3, 0, -7, 9});
  (void)s.AppendValues(std::vector<std::string>{"a", "", "yes"});
  (void)s.AppendNull();
  (void)b.AppendValues(std::vector<bool>{true, false, true, false});
  auto schema =
      arrow::schema({arrow::field("x", arrow::float64()), arrow::field("n", arrow::int64()),
                     arrow::field("s", arrow::utf8()), arrow::field("b", arrow::boolean())});
  return arrow::RecordBatch::Make(schema, 4,
                                  {x.Finish().ValueOrDie(), n.Finish().ValueOrDie(),
                                   s.Finish().ValueOrDie(), b.Finish().ValueOrDie()});
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const auto batch = SampleBatch();
  std::string_view text(reinterpret_cast<const char*>(data), size);
  SourceLocation where{"fuzz.yaml", 1, 1};
  auto parsed = ParseExpression(text, where);
  if (!parsed.ok()) return 0;
  std::string canonical = ToString(*parsed);
  auto again = ParseExpression(canonical, where);
  // The canonical form adds a pair of parentheses per operator, so it may pass the length or depth
  // limit that the original text kept; any other failure to reparse is a bug.
  if (!again.ok()) {
    const std::string why = again.status().message();
    bool over_limit = why.find("nested deeper than") != std::string::npos ||
                      why.find("characters, the limit is") != std::string::npos;
    if (!over_limit) mlpipe::fuzz::PropertyFailed("canonical form does not reparse", why);
  } else if (ToString(*again) != canonical) {
    mlpipe::fuzz::PropertyFailed("canonical form is not a fixed point", canonical);
  }
  auto values = mlpipe::engine::EvaluateExpression(*parsed, *batch, text);
  if (values.ok() && (*values)->length() != batch->num_rows()) {
    mlpipe::fuzz::PropertyFailed("evaluation returned the wrong number of values", canonical);
  }
  return 0;
}

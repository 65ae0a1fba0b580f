// encode: categorical columns to numbers. onehot replaces a column by float64 0/1 columns named
// `<col>=<value>` (rarer categories beyond max_categories share `<col>=__other__`); ordinal
// replaces it by the float64 index of its value in the sorted categories. Nulls stay null; unseen
// values give all zeros / -1, or a DataError when handle_unknown is "error".
#include <arrow/util/bit_util.h>

#include <algorithm>
#include <cstring>
#include <map>
#include <string_view>
#include <unordered_map>

#include "engine/features/column_stats.h"
#include "engine/features/steps_internal.h"
#include "engine/io/arrow_status.h"

namespace mlpipe::engine {

namespace {

constexpr char kOther[] = "__other__";

// Lets the category index be searched with a string_view (no std::string per row).
struct ViewHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

struct Categories {
  std::vector<std::string> kept;    // onehot: output columns in order; ordinal: codes 0..n-1
  std::vector<std::string> folded;  // onehot: seen but rarer, counted as __other__
  // value -> output slot (folded -> kept.size())
  std::unordered_map<std::string, int, ViewHash, std::equal_to<>> index;

  void BuildIndex() {
    index.clear();
    for (size_t i = 0; i < kept.size(); ++i) index[kept[i]] = static_cast<int>(i);
    for (const auto& v : folded) index[v] = static_cast<int>(kept.size());
  }
};

class EncodeStep : public Step {
 public:
  using Step::Step;

  Result<StepFitStats> CollectFitStats(const arrow::RecordBatch& data,
                                       const StepContext& ctx) const override {
    const std::string& method = spec().method;
    if (method != "onehot" && method != "ordinal") {
      return Error("unknown method '" + method + "'; use onehot or ordinal");
    }
    const auto columns = ResolveColumns(data, ctx, [](const arrow::Array& a) {
      return a.type_id() == arrow::Type::STRING || a.type_id() == arrow::Type::LARGE_STRING;
    });
    StepFitStats stats;
    for (const auto& name : columns) {
      MLPIPE_ASSIGN_OR_RETURN(auto array, RequireColumn(data, name, ctx));
      if (!array) continue;
      ColumnFitStats& column = stats.Add(name);
      column.rows = array->length();
      column.nulls = array->null_count();
      Status st = column.categories.emplace().AddArray(*array);
      if (!st.ok()) return Error("column '" + name + "': " + st.message());
    }
    return stats;
  }

  Status FitFromStats(const StepFitStats& stats, const StepContext&) override {
    for (const auto& [name, column] : stats.columns()) {
      Categories c;
      c.kept = column.categories->ByFrequency();
      const size_t limit = static_cast<size_t>(std::max(spec().max_categories, 2));
      if (spec().method == "onehot" && c.kept.size() > limit) {
        c.folded.assign(c.kept.begin() + static_cast<std::ptrdiff_t>(limit - 1), c.kept.end());
        c.kept.resize(limit - 1);
      }
      std::sort(c.kept.begin(), c.kept.end());
      c.BuildIndex();
      categories_.emplace_back(name, std::move(c));
    }
    return Status::OK();
  }

  Result<std::shared_ptr<arrow::RecordBatch>> Apply(const std::shared_ptr<arrow::RecordBatch>& data,
                                                    const StepContext& ctx) const override {
    std::shared_ptr<arrow::RecordBatch> out = data;
    for (const auto& [name, c] : categories_) {
      MLPIPE_ASSIGN_OR_RETURN(auto array, RequireColumn(*out, name, ctx));
      if (!array) continue;
      auto text = ToStringArray(array);
      if (!text.ok()) return Error("column '" + name + "': " + text.status().message());
      MLPIPE_ASSIGN_OR_RETURN(auto slots, Slots(name, **text, c));
      MLPIPE_ASSIGN_OR_RETURN(
          out, spec().method == "onehot" ? OneHot(out, name, slots, c) : Ordinal(out, name, slots));
    }
    return out;
  }

  nlohmann::json FittedToJson() const override {
    nlohmann::json j = nlohmann::json::array();
    for (const auto& [name, c] : categories_) {
      j.push_back({{"column", name}, {"categories", c.kept}, {"folded", c.folded}});
    }
    return j;
  }

  Status FittedFromJson(const nlohmann::json& fitted) override {
    for (const auto& item : fitted) {
      Categories c;
      c.kept = item.at("categories").get<std::vector<std::string>>();
      c.folded = item.at("folded").get<std::vector<std::string>>();
      c.BuildIndex();
      categories_.emplace_back(item.at("column").get<std::string>(), std::move(c));
    }
    return Status::OK();
  }

 private:
  static constexpr int kNullSlot = -2;
  static constexpr int kUnknownSlot = -1;

  // Per row: the category slot, kUnknownSlot for unseen values, kNullSlot for nulls.
  Result<std::vector<int>> Slots(const std::string& name, const arrow::StringArray& text,
                                 const Categories& c) const {
    std::vector<int> slots(static_cast<size_t>(text.length()));
    for (int64_t i = 0; i < text.length(); ++i) {
      int slot = kNullSlot;
      if (text.IsValid(i)) {
        const std::string_view value = text.GetView(i);
        auto it = c.index.find(value);
        slot = it == c.index.end() ? kUnknownSlot : it->second;
        if (slot == kUnknownSlot && spec().handle_unknown == "error") {
          return Error("column '" + name + "' has value '" + std::string(value) +
                       "', which was not seen when the pipeline was fitted; set "
                       "handle_unknown: ignore or retrain with data containing it");
        }
      }
      slots[static_cast<size_t>(i)] = slot;
    }
    return slots;
  }

  // The null rows (kNullSlot) of an encoded column, shared by every column made from it.
  struct Validity {
    std::shared_ptr<arrow::Buffer> bitmap;  // nullptr when no row is null
    int64_t nulls = 0;
  };

  Result<Validity> ValidityOf(const std::string& name, const std::vector<int>& slots) const {
    Validity v;
    v.nulls = std::count(slots.begin(), slots.end(), kNullSlot);
    if (v.nulls == 0) return v;
    const auto n = static_cast<int64_t>(slots.size());
    MLPIPE_ARROW_ASSIGN_OR_RETURN(v.bitmap, arrow::AllocateEmptyBitmap(n),
                                  Describe() + ": column '" + name + "'");
    uint8_t* bits = v.bitmap->mutable_data();
    for (int64_t i = 0; i < n; ++i) {
      if (slots[static_cast<size_t>(i)] != kNullSlot) arrow::bit_util::SetBit(bits, i);
    }
    return v;
  }

  // A zero-filled float64 buffer of n values, written in place by the encoders.
  Result<std::shared_ptr<arrow::Buffer>> ZeroValues(const std::string& name, size_t n) const {
    std::shared_ptr<arrow::Buffer> values;
    MLPIPE_ARROW_ASSIGN_OR_RETURN(values,
                                  arrow::AllocateBuffer(static_cast<int64_t>(n * sizeof(double))),
                                  Describe() + ": column '" + name + "'");
    std::memset(values->mutable_data(), 0, n * sizeof(double));
    return values;
  }

  static std::shared_ptr<arrow::Array> MakeColumn(std::shared_ptr<arrow::Buffer> values,
                                                  const Validity& validity, size_t length) {
    return arrow::MakeArray(arrow::ArrayData::Make(arrow::float64(), static_cast<int64_t>(length),
                                                   {validity.bitmap, std::move(values)},
                                                   validity.nulls));
  }

  Result<std::shared_ptr<arrow::RecordBatch>> Ordinal(
      const std::shared_ptr<arrow::RecordBatch>& data, const std::string& name,
      const std::vector<int>& slots) const {
    MLPIPE_ASSIGN_OR_RETURN(auto validity, ValidityOf(name, slots));
    MLPIPE_ASSIGN_OR_RETURN(auto codes, ZeroValues(name, slots.size()));
    auto* out = reinterpret_cast<double*>(codes->mutable_data());
    for (size_t i = 0; i < slots.size(); ++i) out[i] = slots[i];
    return SetColumn(data, name, MakeColumn(std::move(codes), validity, slots.size()));
  }

  Result<std::shared_ptr<arrow::RecordBatch>> OneHot(
      const std::shared_ptr<arrow::RecordBatch>& data, const std::string& name,
      const std::vector<int>& slots, const Categories& c) const {
    std::vector<std::string> names;
    for (const auto& v : c.kept) names.push_back(name + "=" + v);
    if (!c.folded.empty()) names.push_back(name + "=" + kOther);
    MLPIPE_ASSIGN_OR_RETURN(auto validity, ValidityOf(name, slots));
    std::vector<std::shared_ptr<arrow::Buffer>> columns;
    std::vector<double*> onehot;
    for (size_t k = 0; k < names.size(); ++k) {
      MLPIPE_ASSIGN_OR_RETURN(auto values, ZeroValues(name, slots.size()));
      onehot.push_back(reinterpret_cast<double*>(values->mutable_data()));
      columns.push_back(std::move(values));
    }
    for (size_t i = 0; i < slots.size(); ++i) {
      if (slots[i] >= 0) onehot[static_cast<size_t>(slots[i])][i] = 1.0;
    }
    const int pos = data->schema()->GetFieldIndex(name);
    std::shared_ptr<arrow::RecordBatch> out = data;
    MLPIPE_ARROW_ASSIGN_OR_RETURN(out, out->RemoveColumn(pos), Describe());
    for (size_t k = 0; k < names.size(); ++k) {
      MLPIPE_ARROW_ASSIGN_OR_RETURN(
          out,
          out->AddColumn(pos + static_cast<int>(k), arrow::field(names[k], arrow::float64()),
                         MakeColumn(std::move(columns[k]), validity, slots.size())),
          Describe());
    }
    return out;
  }

  std::vector<std::pair<std::string, Categories>> categories_;
};

}  // namespace

std::unique_ptr<Step> MakeEncodeStep(const config::StepSpec& spec, int index) {
  return std::make_unique<EncodeStep>(spec, index);
}

}  // namespace mlpipe::engine

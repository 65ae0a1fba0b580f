#include "engine/features/fit_stats.h"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace mlpipe::engine {

namespace {

constexpr int kFormatVersion = 1;

nlohmann::json MomentsToJson(const NumericStats& s) {
  return {s.count, s.mean, s.m2, s.min, s.max};
}

NumericStats MomentsFromJson(const nlohmann::json& j) {
  NumericStats s;
  s.count = j.at(0).get<int64_t>();
  s.mean = j.at(1).get<double>();
  s.m2 = j.at(2).get<double>();
  s.min = j.at(3).get<double>();
  s.max = j.at(4).get<double>();
  return s;
}

template <typename T>
void MergeOptional(std::optional<T>& into, const std::optional<T>& other) {
  if (!other) return;
  if (into) {
    into->Merge(*other);
  } else {
    into = other;
  }
}

}  // namespace

void ColumnFitStats::Merge(const ColumnFitStats& other) {
  rows += other.rows;
  nulls += other.nulls;
  MergeOptional(moments, other.moments);
  MergeOptional(categories, other.categories);
  MergeOptional(values, other.values);
}

ColumnFitStats& StepFitStats::Add(const std::string& column) {
  columns_.emplace_back(column, ColumnFitStats{});
  return columns_.back().second;
}

void StepFitStats::Merge(const StepFitStats& other) {
  for (const auto& column : other.columns_) {
    auto it = std::find_if(columns_.begin(), columns_.end(),
                           [&](const auto& c) { return c.first == column.first; });
    if (it == columns_.end()) {
      columns_.push_back(column);
    } else {
      it->second.Merge(column.second);
    }
  }
}

std::string StepFitStats::Serialize() const {
  nlohmann::json columns = nlohmann::json::array();
  for (const auto& [name, c] : columns_) {
    nlohmann::json j = {{"name", name}, {"rows", c.rows}, {"nulls", c.nulls}};
    if (c.moments) j["moments"] = MomentsToJson(*c.moments);
    if (c.categories) j["categories"] = c.categories->counts;
    if (c.values) {
      std::vector<double> values;
      std::vector<int64_t> counts;
      for (const auto& [v, n] : c.values->counts) {
        values.push_back(v);
        counts.push_back(n);
      }
      j["values"] = values;
      j["value_counts"] = counts;
    }
    columns.push_back(std::move(j));
  }
  const std::vector<uint8_t> bytes =
      nlohmann::json::to_cbor({{"version", kFormatVersion}, {"columns", columns}});
  return std::string(bytes.begin(), bytes.end());
}

Result<StepFitStats> StepFitStats::Deserialize(std::string_view bytes) {
  StepFitStats out;
  try {
    const nlohmann::json j = nlohmann::json::from_cbor(bytes.begin(), bytes.end());
    if (j.at("version").get<int>() != kFormatVersion) {
      return Status::DataError("feature statistics have format version " + j.at("version").dump() +
                               ", expected " + std::to_string(kFormatVersion) +
                               "; driver and executors must run the same mlpipe");
    }
    for (const auto& col : j.at("columns")) {
      ColumnFitStats& c = out.Add(col.at("name").get<std::string>());
      c.rows = col.at("rows").get<int64_t>();
      c.nulls = col.at("nulls").get<int64_t>();
      if (col.contains("moments")) c.moments = MomentsFromJson(col.at("moments"));
      if (col.contains("categories")) {
        c.categories.emplace();
        c.categories->counts = col.at("categories").get<std::unordered_map<std::string, int64_t>>();
      }
      if (col.contains("values")) {
        const auto values = col.at("values").get<std::vector<double>>();
        const auto counts = col.at("value_counts").get<std::vector<int64_t>>();
        if (values.size() != counts.size())
          return Status::DataError("malformed feature statistics: value counts");
        c.values.emplace();
        for (size_t i = 0; i < values.size(); ++i)
          c.values->counts.emplace_back(values[i], counts[i]);
      }
    }
  } catch (const nlohmann::json::exception& e) {
    return Status::DataError(std::string("malformed feature statistics: ") + e.what());
  }
  return out;
}

}  // namespace mlpipe::engine

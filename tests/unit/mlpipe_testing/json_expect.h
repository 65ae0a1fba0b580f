// Test helper: two flat JSON objects (metrics) have the same keys, equal non-float values and
// float values within 1e-12.
#pragma once

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace mlpipe::testing {

inline void ExpectSameMetrics(const nlohmann::json& a, const nlohmann::json& b) {
  ASSERT_EQ(a.size(), b.size()) << a << "\n" << b;
  for (const auto& [key, value] : a.items()) {
    if (value.is_number_float()) {
      EXPECT_NEAR(value.get<double>(), b.at(key).get<double>(), 1e-12) << key;
    } else {
      EXPECT_EQ(value, b.at(key)) << key;
    }
  }
}

}  // namespace mlpipe::testing

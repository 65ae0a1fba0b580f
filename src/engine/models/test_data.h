// Test-only helper for the engine_models tests: small synthetic FeatureMatrix data sets with a
// known, learnable relation between features and label, generated from a fixed seed.
#pragma once

#include <cmath>
#include <random>
#include <string>
#include <vector>

#include "engine/io/feature_matrix.h"

namespace mlpipe::engine::testing {

struct Dataset {
  FeatureMatrix x;
  std::vector<float> y;
};

// `rows` rows of features uniform in [0, 1) (column 2 is pure noise, ~5% of column 3 is NaN).
// Label: kind 0 binary (x0 + x1 > 1), 1 three classes (x0 bands), 2 regression (3 x0 - 2 x1).
inline Dataset Synthetic(int rows, int kind, unsigned seed = 7) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> u(0.0f, 1.0f);
  Dataset d;
  d.x.rows = rows;
  d.x.cols = 4;
  d.x.names = {"x0", "x1[a]", "noise", "x3<b>"};
  for (int r = 0; r < rows; ++r) {
    float x0 = u(rng), x1 = u(rng), noise = u(rng), x3 = u(rng);
    if (r % 20 == 0) x3 = std::nanf("");
    d.x.values.insert(d.x.values.end(), {x0, x1, noise, x3});
    if (kind == 0) d.y.push_back(x0 + x1 > 1.0f ? 1.0f : 0.0f);
    if (kind == 1) d.y.push_back(x0 < 0.33f ? 0.0f : (x0 < 0.66f ? 1.0f : 2.0f));
    if (kind == 2) d.y.push_back(3 * x0 - 2 * x1);
  }
  return d;
}

}  // namespace mlpipe::engine::testing

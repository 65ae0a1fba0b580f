// Combining config trees: deep merge of overlay files and "key=value" command-line overrides.
#pragma once

#include <string_view>

#include "config/yaml_tree.h"
#include "util/status.h"

namespace mlpipe::config {

// Merges `overlay` into `base`: maps merge key by key (recursively), anything else replaces the
// base value, with the overlay's location.
void MergeInto(ConfigNode& base, ConfigNode overlay);

// Applies one "key=value" override to `root` (a map). `spark.*` keys go to spark_config; other keys
// are dotted paths, where a `spark.`-prefixed remainder is one key (custom_spark_conf.spark.x.y).
// The value is a YAML scalar (quotes strip, null/~ is null) located at "<command line>".
// InvalidArgument when there is no '=', the key is empty, or the path crosses a non-map value.
Status ApplyOverride(ConfigNode& root, std::string_view assignment);

}  // namespace mlpipe::config

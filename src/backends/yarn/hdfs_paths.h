// Where a job config's paths live on the cluster. Mirrors store::Warehouse::Resolve for the local
// backend, so one config means the same files on both backends:
//   "x" (relative)                       -> <default_fs><base_path>/x
//   "/abs/x", "hdfs:///abs/x"            -> <default_fs>/abs/x
//   "hdfs://any-host:port<base_path>/x"  -> <default_fs><base_path>/x  (the mlpipe tree is
//                                           always on the cluster's own filesystem, whatever
//                                           host the URI names)
//   other "hdfs://host:port/x"           -> itself (another cluster's data)
//   "file:///x"                          -> itself (executor-local files)
// InvalidArgument, naming the path, for "", other URI schemes and ".." segments.
#pragma once

#include <string>
#include <string_view>

#include "util/result.h"

namespace mlpipe::backends::yarn {

Result<std::string> ResolveClusterUri(std::string_view config_path, std::string_view base_path,
                                      std::string_view default_fs);

// The mlpipe tree's root on the cluster: <default_fs><base_path>, e.g. "hdfs://nn:8020/ml-pipeline"
// (base_path may lack its leading '/' or have a trailing one).
std::string ClusterRoot(std::string_view base_path, std::string_view default_fs);

// The path part of an hdfs:// URI ("hdfs://nn:8020/a/b" -> "/a/b"); plain paths unchanged.
std::string HdfsPathOf(std::string_view uri);

}  // namespace mlpipe::backends::yarn

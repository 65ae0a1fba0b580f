// Output ownership for the drivers' commit on HDFS (python/mlpipe_spark/commit.py): the same rule
// and marker as the local commit (engine/io/output_owner.h), so both backends decide alike.
#include <nanobind/stl/string.h>
#include <nanobind/stl/vector.h>

#include <nlohmann/json.hpp>

#include "bindings.h"
#include "config/names.h"
#include "engine/io/output_commit.h"
#include "engine/io/output_owner.h"
#include "job_config_handle.h"

namespace mlpipe::python {

namespace {

engine::ExistingPath ExistingFromJson(const std::string& text) {
  const auto j = nlohmann::json::parse(text);
  engine::ExistingPath e;
  const std::string kind = j.at("kind");
  e.kind = kind == "file"        ? engine::ExistingPath::Kind::kFile
           : kind == "directory" ? engine::ExistingPath::Kind::kDirectory
                                 : engine::ExistingPath::Kind::kAbsent;
  e.entries = j.value("entries", std::vector<std::string>{});
  if (j.contains("marker") && j["marker"].is_string()) e.marker = j["marker"];
  if (j.contains("versions_marker") && j["versions_marker"].is_string())
    e.versions_marker = j["versions_marker"];
  return e;
}

std::string PlanOutputJson(const std::string& path, const std::string& role,
                           const std::string& mode, const std::string& existing_json) {
  const engine::OutputTarget target{path, role, Unwrap(config::ParseWriteMode(mode))};
  const engine::OutputPlan plan =
      Unwrap(engine::PlanOutput(target, ExistingFromJson(existing_json)));
  const char* action = plan.action == engine::OutputPlan::Action::kCreate    ? "create"
                       : plan.action == engine::OutputPlan::Action::kReplace ? "replace"
                                                                             : "new_version";
  return nlohmann::json{{"action", action},
                        {"replaced_entries", plan.replaced_entries},
                        {"version", plan.version},
                        {"create_container", plan.create_container}}
      .dump();
}

std::string Outputs(const JobConfigHandle& h) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& t : engine::ConfiguredOutputs(h.type, h.config)) {
    out.push_back(
        {{"path", t.path}, {"role", t.role}, {"mode", std::string(config::WriteModeName(t.mode))}});
  }
  return out.dump();
}

std::string MarkerJson(const JobConfigHandle& h, const std::string& app_id, const std::string& role,
                       std::vector<std::string> files) {
  const engine::OutputWriter w = engine::WriterOf(h.type, h.config, app_id);
  std::sort(files.begin(), files.end());
  return engine::OutputMarker{w.app_id, w.job_type, role, w.config_digest, std::move(files)}
      .ToJson();
}

}  // namespace

void RegisterOutputs(nb::module_& m) {
  m.def("plan_output", &PlanOutputJson, nb::arg("path"), nb::arg("role"), nb::arg("mode"),
        nb::arg("existing"),
        "JSON plan {action: create|replace|new_version, replaced_entries, version, "
        "create_container} for "
        "writing `path`, given what exists there (JSON {kind: absent|file|directory, entries, "
        "marker, "
        "versions_marker}); EngineError when the job must not write there.");
  m.def(
      "versions_marker", [](const std::string& role) { return engine::VersionsMarkerJson(role); },
      nb::arg("role"));
  m.attr("OUTPUT_MARKER_FILE") = std::string(engine::kOutputMarkerFile);
  m.attr("VERSIONS_MARKER_FILE") = std::string(engine::kVersionsMarkerFile);
  m.attr("LATEST_FILE") = std::string(engine::kLatestFile);
  nb::handle cls = m.attr("JobConfig");
  nb::cast<nb::class_<JobConfigHandle>>(cls)
      .def("outputs", &Outputs,
           "JSON list of the job's outputs: {path, role, mode}, in the order it writes them.")
      .def("output_marker", &MarkerJson, nb::arg("app_id"), nb::arg("role"), nb::arg("files"),
           "The text of _mlpipe_output.json for an output holding `files`.");
}

}  // namespace mlpipe::python

#include "store/job_record.h"

#include <array>
#include <cctype>
#include <vector>

#include "util/strings.h"

namespace mlpipe::store {
namespace {

constexpr std::array<std::string_view, 7> kStateNames = {
    "NEW", "SUBMITTED", "ACCEPTED", "RUNNING", "FINISHED", "FAILED", "KILLED"};
constexpr std::array<std::string_view, 4> kFinalStatusNames = {"UNDEFINED", "SUCCEEDED", "FAILED",
                                                               "KILLED"};

template <typename Enum, size_t N>
Result<Enum> ParseName(std::string_view name, const std::array<std::string_view, N>& names,
                       std::string_view what) {
  const std::string upper = [&] {
    std::string s(Trim(name));
    for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return s;
  }();
  std::vector<std::string> candidates;
  for (size_t i = 0; i < N; ++i) {
    if (names[i] == upper) return static_cast<Enum>(i);
    candidates.emplace_back(names[i]);
  }
  return Status::InvalidArgument("unknown " + std::string(what) + " '" + std::string(name) + "'" +
                                 DidYouMeanSuffix(upper, candidates) + "; expected one of " +
                                 Join(candidates, ", "));
}

}  // namespace

std::string_view JobStateName(JobState state) { return kStateNames[static_cast<size_t>(state)]; }

Result<JobState> ParseJobState(std::string_view name) {
  return ParseName<JobState>(name, kStateNames, "application state");
}

std::string_view FinalStatusName(FinalStatus status) {
  return kFinalStatusNames[static_cast<size_t>(status)];
}

Result<FinalStatus> ParseFinalStatus(std::string_view name) {
  return ParseName<FinalStatus>(name, kFinalStatusNames, "final status");
}

bool IsTerminal(JobState state) {
  return state == JobState::kFinished || state == JobState::kFailed || state == JobState::kKilled;
}

}  // namespace mlpipe::store

// Internal to engine/features: constructors of the concrete steps, used by MakeStep (step.cc).
// Each returns ConfigError when the spec cannot be turned into a step (e.g. a bad expression).
#pragma once

#include <memory>

#include "engine/features/step.h"

namespace mlpipe::engine {

std::unique_ptr<Step> MakeSelectStep(const config::StepSpec& spec, int index);
std::unique_ptr<Step> MakeDropStep(const config::StepSpec& spec, int index);
std::unique_ptr<Step> MakeCastStep(const config::StepSpec& spec, int index);
Result<std::unique_ptr<Step>> MakeFilterStep(const config::StepSpec& spec, int index);
Result<std::unique_ptr<Step>> MakeDeriveStep(const config::StepSpec& spec, int index);
std::unique_ptr<Step> MakeDedupeStep(const config::StepSpec& spec, int index);
std::unique_ptr<Step> MakeImputeStep(const config::StepSpec& spec, int index);
std::unique_ptr<Step> MakeScaleStep(const config::StepSpec& spec, int index);
std::unique_ptr<Step> MakeEncodeStep(const config::StepSpec& spec, int index);

}  // namespace mlpipe::engine

#include "engine/models/collective.h"

#include <fmt/format.h>
#include <xgboost/c_api.h>

namespace mlpipe::engine {

namespace {

Status Check(int rc, std::string_view call) {
  if (rc == 0) return Status::OK();
  return Status::Unavailable(fmt::format("XGBoost {} failed: {}", call, XGBGetLastError()));
}

}  // namespace

void Tracker::HandleDeleter::operator()(void* handle) const { XGTrackerFree(handle); }

Result<Tracker> Tracker::Start(int n_workers, const std::string& host, int timeout_seconds) {
  const nlohmann::json config = {{"dmlc_communicator", "rabit"},
                                 {"n_workers", n_workers},
                                 {"host", host},
                                 {"port", 0},
                                 {"timeout", timeout_seconds},
                                 {"sortby", 1}};
  TrackerHandle raw = nullptr;
  MLPIPE_RETURN_NOT_OK(Check(XGTrackerCreate(config.dump().c_str(), &raw), "XGTrackerCreate"));
  std::unique_ptr<void, HandleDeleter> handle(raw);
  MLPIPE_RETURN_NOT_OK(Check(XGTrackerRun(raw, "{}"), "XGTrackerRun"));
  const char* args = nullptr;
  MLPIPE_RETURN_NOT_OK(Check(XGTrackerWorkerArgs(raw, &args), "XGTrackerWorkerArgs"));
  nlohmann::json parsed = nlohmann::json::parse(args, nullptr, false);
  if (!parsed.is_object())
    return Status::Internal(std::string("XGBoost tracker gave worker args that are not JSON: ") +
                            args);
  return Tracker(std::move(handle), std::move(parsed));
}

Status Tracker::Wait() { return Check(XGTrackerWaitFor(handle_.get(), "{}"), "XGTrackerWaitFor"); }

Result<Communicator> Communicator::Join(const nlohmann::json& worker_args, int task_id,
                                        int timeout_seconds) {
  nlohmann::json config = worker_args;
  config["dmlc_communicator"] = "rabit";
  config["dmlc_task_id"] = std::to_string(task_id);
  config["dmlc_timeout"] = timeout_seconds;
  MLPIPE_RETURN_NOT_OK(Check(XGCommunicatorInit(config.dump().c_str()), "XGCommunicatorInit")
                           .WithContext(fmt::format("joining the XGBoost tracker at {}:{}",
                                                    worker_args.value("dmlc_tracker_uri", "?"),
                                                    worker_args.value("dmlc_tracker_port", 0))));
  Communicator c;
  c.joined_ = true;
  return c;
}

Communicator::~Communicator() {
  if (joined_) XGCommunicatorFinalize();
}

Result<bool> AnyWorker(bool flag) {
  if (XGCommunicatorIsDistributed() == 0) return flag;
  constexpr int kInt32 = 6;  // xgboost::collective::DataType
  constexpr int kMax = 0;    // xgboost::collective::Op
  int32_t value = flag ? 1 : 0;
  MLPIPE_RETURN_NOT_OK(
      Check(XGCommunicatorAllreduce(&value, 1, kInt32, kMax), "XGCommunicatorAllreduce"));
  return value != 0;
}

int Communicator::rank() const { return XGCommunicatorGetRank(); }
int Communicator::world_size() const { return XGCommunicatorGetWorldSize(); }

}  // namespace mlpipe::engine

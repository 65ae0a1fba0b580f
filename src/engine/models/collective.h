// XGBoost's own collective (Rabit over TCP), for training one model across Spark executors: a
// Tracker runs on the driver, every barrier task joins it with a Communicator, then Booster::Train
// in each task trains on that task's rows and all tasks end with the same model. Thin RAII over
// XGTracker* / XGCommunicator* of the C API.
#pragma once

#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "util/result.h"

namespace mlpipe::engine {

class Tracker {
 public:
  // Listens on `host` (an address the workers can reach) at a free port for `n_workers` workers;
  // networking operations time out after `timeout_seconds`. Workers get ranks by task id.
  static Result<Tracker> Start(int n_workers, const std::string& host, int timeout_seconds);

  // What every worker passes to Communicator::Join (tracker address and port).
  const nlohmann::json& worker_args() const { return worker_args_; }
  // Blocks until every worker has finished (or the timeout passed).
  Status Wait();

 private:
  struct HandleDeleter {
    void operator()(void* handle) const;
  };
  Tracker(std::unique_ptr<void, HandleDeleter> handle, nlohmann::json worker_args)
      : handle_(std::move(handle)), worker_args_(std::move(worker_args)) {}

  std::unique_ptr<void, HandleDeleter> handle_;
  nlohmann::json worker_args_;
};

// Membership of the calling thread in the collective, from Join until destruction.
class Communicator {
 public:
  // `task_id` orders the ranks (0 .. n_workers-1).
  static Result<Communicator> Join(const nlohmann::json& worker_args, int task_id,
                                   int timeout_seconds);
  Communicator(Communicator&& other) noexcept : joined_(other.joined_) { other.joined_ = false; }
  Communicator& operator=(Communicator&&) = delete;
  ~Communicator();

  int rank() const;
  int world_size() const;

 private:
  Communicator() = default;
  bool joined_ = false;
};

// True on every worker when `flag` is true on any of them (one allreduce, so all workers take the
// same decision at the same point); `flag` itself outside a collective.
Result<bool> AnyWorker(bool flag);

}  // namespace mlpipe::engine

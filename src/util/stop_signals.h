// SIGINT and SIGTERM caught for a scope. While a StopSignalScope lives, either signal is recorded,
// not acted on, and read with StopSignalScope::Received(); the handlers that were installed before
// come back when it ends (or at Restore(), e.g. in a forked child). No SA_RESTART: a sleep or wait
// returns early, so a polling loop sees the signal promptly. One scope at a time per process.
#pragma once

#include <signal.h>

namespace mlpipe {

class StopSignalScope {
 public:
  StopSignalScope();  // clears a signal recorded by an earlier scope
  ~StopSignalScope();
  StopSignalScope(const StopSignalScope&) = delete;
  StopSignalScope& operator=(const StopSignalScope&) = delete;

  // Puts the earlier handlers back now; the destructor then has nothing left to do.
  void Restore();
  // The last SIGINT or SIGTERM received while a scope lived, 0 for none.
  static int Received();

 private:
  struct sigaction old_term_ {};
  struct sigaction old_int_ {};
  bool restored_ = false;
};

}  // namespace mlpipe

#include "util/stop_signals.h"

namespace mlpipe {

namespace {

volatile sig_atomic_t g_received = 0;

extern "C" void RecordStopSignal(int sig) { g_received = sig; }

}  // namespace

StopSignalScope::StopSignalScope() {
  g_received = 0;
  struct sigaction sa {};
  sa.sa_handler = RecordStopSignal;
  sigemptyset(&sa.sa_mask);
  ::sigaction(SIGTERM, &sa, &old_term_);
  ::sigaction(SIGINT, &sa, &old_int_);
}

StopSignalScope::~StopSignalScope() { Restore(); }

void StopSignalScope::Restore() {
  if (restored_) return;
  restored_ = true;
  ::sigaction(SIGTERM, &old_term_, nullptr);
  ::sigaction(SIGINT, &old_int_, nullptr);
}

int StopSignalScope::Received() { return g_received; }

}  // namespace mlpipe

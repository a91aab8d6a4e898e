/**
 * Calls `onGone` once when the process that started this one is gone, even
 * when it was killed with SIGKILL and could not stop us: the IPC channel the
 * launcher opened closes (scripts/start.ts), and, for a parent without one,
 * this process is handed to another parent (init, a subreaper).
 */
export function whenParentGone(onGone: () => void): void {
  let called = false;
  const gone = () => {
    if (called) return;
    called = true;
    clearInterval(timer);
    onGone();
  };
  process.once("disconnect", gone);
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid !== parent) gone();
  }, 1_000);
  timer.unref();
}

import { getEnv } from "@/lib/server/config/env";
import { compactDashboard } from "@/lib/server/dashboard/compact-dashboard";
import { reapExports } from "@/lib/server/export/reap-exports";
import { compactRunSums } from "@/lib/server/runs/compact-run-sums";
import { reapRuns } from "@/lib/server/runs/reap-runs";

/**
 * One pass over every kind of orphan: dead exports (and expired files), steps whose job is gone, idle runs; and the
 * dashboard's deltas folded into its totals (decision 0037), and runs' append-only cost sums folded (20261207160000).
 */
export async function reapOrphans(log?: (message: string) => void): Promise<void> {
  const exports = await reapExports();
  const runs = await reapRuns();
  await compactDashboard();
  await compactRunSums();
  const said = [
    exports.failed.length ? `${exports.failed.length} dead export(s) failed` : "",
    exports.expired.length ? `${exports.expired.length} export(s) past retention removed` : "",
    runs.steps.length ? `${runs.steps.length} step(s) whose job was gone failed` : "",
    runs.runs.length ? `${runs.runs.length} idle run(s) settled` : "",
    runs.batchRuns.length ? `${runs.batchRuns.length} batch run(s) picked up again` : "",
    runs.releases.requeued.length ? `${runs.releases.requeued.length} round release(s) queued again` : "",
    runs.releases.stalled.length ? `${runs.releases.stalled.length} run(s) stalled: round release gave up` : "",
  ].filter(Boolean);
  if (said.length) log?.(`reaper: ${said.join(", ")}`);
}

/**
 * Runs the reaper now and then every EVOL_REAPER_INTERVAL_SECONDS in this
 * process (each worker runs one; two at once settle nothing twice, as every
 * change is conditional on the row still being open).
 */
export function startReaper(options: { log?: (message: string) => void; intervalSeconds?: number } = {}) {
  const seconds = options.intervalSeconds ?? getEnv().EVOL_REAPER_INTERVAL_SECONDS;
  let running: Promise<void> | null = null;
  const pass = () => {
    running ??= reapOrphans(options.log)
      .catch((error: unknown) => options.log?.(`reaper: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => (running = null));
    return running;
  };
  void pass();
  const timer = setInterval(pass, seconds * 1000);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}

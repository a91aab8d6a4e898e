// How an export that is being written shows it is alive, and when it counts
// as stale: pure, so the export page, the API and the reaper agree.

/** An export being written beats its row this often. */
export const EXPORT_HEARTBEAT_SECONDS = 5;

/** Past this without a beat, the export's process is taken for dead (the page stops showing its progress). */
export const EXPORT_STALE_SECONDS = 30;

/** Whether a queued or running export has shown no sign of life for too long; never for a finished one. */
export function isExportStale(
  row: { status: string; heartbeatAt: Date | string | null; createdAt: Date | string },
  now: Date = new Date(),
  staleSeconds: number = EXPORT_STALE_SECONDS,
): boolean {
  if (row.status !== "queued" && row.status !== "running") return false;
  // A queued export has no beat yet: it waits for a worker, which the reaper checks through its job.
  if (row.status === "queued" && row.heartbeatAt === null) return false;
  const last = new Date(row.heartbeatAt ?? row.createdAt).getTime();
  return now.getTime() - last > staleSeconds * 1000;
}

import { EXPORT_HEARTBEAT_SECONDS } from "@/lib/export/export-liveness";
import { getPrisma } from "@/lib/server/db/prisma";

/**
 * Beats an export's row while it is written, on a timer of its own: a page
 * of records can take longer than the stale limit on a large project, and a
 * process that is killed stops beating, which is how the reaper tells a dead
 * export from a slow one. Returns the function that stops the beat.
 */
export function startExportHeartbeat(exportId: string, seconds = EXPORT_HEARTBEAT_SECONDS): () => void {
  const timer = setInterval(() => {
    getPrisma()
      .export.updateMany({ where: { id: exportId, status: "running" }, data: { heartbeatAt: new Date() } })
      .catch(() => {}); // a missed beat only makes the export look slower; the next one catches up
  }, seconds * 1000);
  timer.unref();
  return () => clearInterval(timer);
}

// Entry of the thread runExportInThread starts: runs one export and reports
// progress and the outcome to the parent.
import { parentPort, workerData } from "node:worker_threads";
import { disconnectPrisma } from "@/lib/server/db/prisma";
import { runExport } from "./run-export";

const { exportId } = workerData as { exportId: string };
const outcome = await runExport({
  exportId,
  onProgress: (progress) => parentPort!.postMessage({ type: "progress", progress }),
});
await disconnectPrisma();
parentPort!.postMessage({ type: "done", outcome });

// Entry of the thread runExportInThread starts: writes one export's data file
// (writeExportFile) and reports progress and the result to the parent, which
// keeps the rest of the export's row. Pages are read, and progress saved, on a
// connection of the thread's own through `pg`: no Prisma client here (decision 0046).
import { parentPort, workerData } from "node:worker_threads";
import pg from "pg";
import { DATABASE_CONNECTION_OPTIONS } from "@/lib/server/db/connect-timeout";
import { asDatabaseUnavailable } from "@/lib/server/db/errors";
import type { ThreadData, ThreadMessage } from "./export-thread";
import type { PageSource } from "./read-export-records";
import { saveExportProgress } from "./save-export-progress";
import { writeExportFile } from "./write-export-file";

const post = (message: ThreadMessage) => parentPort!.postMessage(message);

/** Statements on one connection, as directSql() sends them (values as they are, rows as pg parses them). */
function pageSource(client: pg.Client): PageSource {
  return {
    async $queryRaw<T>(query: unknown) {
      const { text, values } = query as { text: string; values: unknown[] };
      try {
        return (await client.query({ text, values })).rows as T;
      } catch (error) {
        throw asDatabaseUnavailable(error);
      }
    },
  };
}

const { connectionString, exportId, ...plan } = workerData as ThreadData;
const client = new pg.Client({
  connectionString,
  ...DATABASE_CONNECTION_OPTIONS,
});
// A connection lost between two pages is reported as an event; the next query fails with it.
client.on("error", () => {});
try {
  await client.connect().catch((error: unknown) => {
    throw asDatabaseUnavailable(error);
  });
  const db = pageSource(client);
  const written = await writeExportFile(plan, {
    db,
    onProgress: async (progress) => {
      await saveExportProgress(db, exportId, progress);
      post({ type: "progress", progress });
    },
  });
  post({ type: "done", written });
} catch (error) {
  post({ type: "failed", error: error instanceof Error ? error.message : String(error) });
} finally {
  await client.end().catch(() => {});
}

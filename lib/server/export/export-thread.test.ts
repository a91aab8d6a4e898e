// The export thread (its own pg connection, no Prisma client) writes the same
// file as runExport does in-process, and the export's row ends the same.
import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createExportProject } from "@/tests/fixtures/export-project";
import { createTestUser, type TestUser } from "@/tests/fixtures/users";
import { withTemporaryDataDir } from "@/tests/fixtures/temporary-data-dir";
import { setupTestDatabase } from "@/tests/setup/test-database";
import { exportOptionsSchema } from "@/lib/validation/export";

await setupTestDatabase();
await withTemporaryDataDir("export-thread");
const { getPrisma } = await import("@/lib/server/db/prisma");
const { stopBoss } = await import("@/lib/server/jobs/boss");
const { createExport } = await import("./create-export");
const { runExport } = await import("./run-export");
const { runExportInThread } = await import("./export-thread");
afterAll(() => stopBoss());

let admin: TestUser;
let fixture: Awaited<ReturnType<typeof createExportProject>>;

beforeAll(async () => {
  admin = await createTestUser("admin");
  fixture = await createExportProject({ admin, annotator: await createTestUser("annotator"), name: "Thread demo" });
});

async function created(options: object) {
  return createExport({
    projectId: fixture.project.id,
    options: exportOptionsSchema.parse(options),
    actorId: admin.id,
    enqueue: false,
  });
}

describe("runExportInThread", () => {
  for (const options of [
    { status: "all", format: "parquet", includeSeeds: true },
    { status: "all", format: "alpaca", includeSeeds: true, dedupe: { enabled: true, threshold: 0.5 } },
    { status: "accepted_or_passing_unreviewed", format: "csv", bundle: true },
  ])
    it(`writes what runExport writes (${options.format}${options.bundle ? " bundle" : ""})`, async () => {
      const inProcess = await created(options);
      const expected = await runExport({ exportId: inProcess.exportId });
      const inThread = await created(options);
      const progress: number[] = [];
      const outcome = await runExportInThread({
        exportId: inThread.exportId,
        onProgress: (p) => progress.push(p.read),
      });

      expect(expected.status).toBe("done");
      expect(outcome).toMatchObject({
        status: "done",
        recordsWritten: expected.recordsWritten,
        skipped: expected.skipped,
        duplicatesRemoved: expected.duplicatesRemoved,
        bytes: expected.bytes,
        sha256: expected.sha256,
        error: null,
      });
      expect(progress.at(-1)).toBe(inThread.expectedCount);
      const row = await getPrisma().export.findUniqueOrThrow({ where: { id: inThread.exportId } });
      expect(row).toMatchObject({
        status: "done",
        recordsWritten: expected.recordsWritten,
        skipped: expected.skipped,
        duplicatesRemoved: expected.duplicatesRemoved,
        sha256: expected.sha256,
        attempts: 1,
      });
      expect(row.heartbeatAt).not.toBeNull();
      // A bundle's archive holds a card built from the thread's tally: same size as the in-process one.
      if (options.bundle) expect((await readFile(outcome.file!)).length).toBe((await readFile(expected.file!)).length);
      else expect(await readFile(outcome.file!)).toEqual(await readFile(expected.file!));
    });
});

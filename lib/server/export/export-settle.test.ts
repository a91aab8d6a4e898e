// Exports always settle: one whose worker process is SIGKILLed mid-export (its
// job out of retries) ends failed with a reason and no partial file, and can be
// retried or removed; a cut direct download ends failed; files past the
// retention setting are removed while their records stay.
import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { exportOptionsSchema } from "@/lib/validation/export";
import { createExportProject } from "@/tests/fixtures/export-project";
import { createTestUser, type TestUser } from "@/tests/fixtures/users";
import { withTemporaryDataDir } from "@/tests/fixtures/temporary-data-dir";
import { startWorkerProcess } from "@/tests/fixtures/worker-process";
import { setupTestDatabase } from "@/tests/setup/test-database";

const { url } = await setupTestDatabase();
const dataDir = await withTemporaryDataDir("export-settle");
const { getPrisma } = await import("@/lib/server/db/prisma");
const { getBoss, stopBoss } = await import("@/lib/server/jobs/boss");
const { EXPORT_QUEUE } = await import("@/lib/server/jobs/export-job");
const { startExportWorker } = await import("@/lib/server/jobs/export-worker");
const { createExport } = await import("./create-export");
const { exportFolder } = await import("./export-storage");
const { exportDiskUsage } = await import("./export-disk-usage");
const { reapExports } = await import("./reap-exports");
const { retryExport } = await import("./retry-export");
const { removeExport } = await import("./remove-export");
const { runExport } = await import("./run-export");
const { startStreamedExport } = await import("./stream-export");
const { listExports } = await import("./list-exports");

let admin: TestUser;
let projectId: string;
const stops: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const stop of stops.reverse()) await stop();
  await stopBoss();
});

beforeAll(async () => {
  admin = await createTestUser("admin");
  const annotator = await createTestUser("annotator");
  projectId = (await createExportProject({ admin, annotator })).project.id;
});

const exportRow = (id: string) => getPrisma().export.findUniqueOrThrow({ where: { id } });
const jobState = async (id: string) =>
  (
    await getPrisma().$queryRaw<{ state: string }[]>`
      SELECT state::text FROM pgboss.job WHERE name = ${EXPORT_QUEUE} AND singleton_key = ${id} ORDER BY created_on DESC LIMIT 1`
  )[0]?.state;

describe("an export whose worker process is killed", () => {
  it("ends failed with a reason once its job is out of retries, its partial file gone; a retry then completes it", async () => {
    // One attempt, and a short job heartbeat, so "every attempt killed" takes seconds, not minutes.
    await (await getBoss()).updateQueue(EXPORT_QUEUE, { retryLimit: 0, heartbeatSeconds: 10 });
    const created = await createExport({
      projectId,
      options: exportOptionsSchema.parse({ status: "all", format: "alpaca" }),
      actorId: admin.id,
      enqueue: true,
    });
    // Holds the export mid-way: it has started (row running, folder made, file open) but cannot read a node.
    const blocker = new pg.Client({ connectionString: url });
    await blocker.connect();
    stops.push(() => blocker.end());
    await blocker.query("BEGIN");
    await blocker.query("LOCK TABLE nodes IN ACCESS EXCLUSIVE MODE");
    const worker = startWorkerProcess({
      name: "export-victim",
      env: { DATABASE_URL: url, EVOL_DATA_DIR: dataDir, EVOL_REAPER_INTERVAL_SECONDS: "3600" },
    });
    stops.push(() => worker.kill("SIGKILL"));
    await worker.ready(60_000);
    await vi.waitFor(async () => expect((await exportRow(created.exportId)).status).toBe("running"), {
      timeout: 30_000,
      interval: 100,
    });
    const folder = exportFolder(`${projectId}/${created.exportId}`);
    await vi.waitFor(() => expect(existsSync(folder)).toBe(true), { timeout: 10_000, interval: 100 });
    await worker.kill("SIGKILL");
    await blocker.query("ROLLBACK");

    // The job is still active in pg-boss until its heartbeat runs out: the reaper leaves the export alone.
    await new Promise((r) => setTimeout(r, 1_500));
    expect(await reapExports({ staleSeconds: 1 })).toEqual({ failed: [], expired: [] });
    const [row] = await listExports({ projectId, limit: 1 });
    expect(row).toMatchObject({ id: created.exportId, status: "running" });

    // A supervising pg-boss (any worker's) fails the job once its heartbeat stops; no retries are left.
    const supervisor = await startExportWorker({ connectionString: url, concurrency: 1, threads: false });
    stops.push(() => supervisor.stop());
    await vi.waitFor(async () => expect(await jobState(created.exportId)).toBe("failed"), {
      timeout: 40_000,
      interval: 250,
    });
    expect(await reapExports({ staleSeconds: 1 })).toMatchObject({ failed: [created.exportId] });
    const failed = await exportRow(created.exportId);
    expect(failed).toMatchObject({ status: "failed", attempts: 1 });
    expect(failed.error).toMatch(/^The export's process stopped while writing it \(last sign of life .*\)\./);
    expect(existsSync(folder)).toBe(false);
    // Settled once: a second pass changes nothing.
    expect((await reapExports({ staleSeconds: 1 })).failed).toEqual([]);

    // Retry: same options, queued again, written by the worker that is running.
    await retryExport({ projectId, exportId: created.exportId, actorId: admin.id });
    await vi.waitFor(async () => expect((await exportRow(created.exportId)).status).toBe("done"), {
      timeout: 30_000,
      interval: 100,
    });
    const done = await exportRow(created.exportId);
    // The fixture's 10 nodes, less the 2 without an answer (no format writes those).
    expect(done).toMatchObject({
      recordsWritten: 8,
      skipped: 2,
      error: null,
      attempts: 1,
      selection: failed.selection,
    });
    expect(existsSync(path.join(folder, done.fileName))).toBe(true);
    const audit = await getPrisma().auditEvent.findFirstOrThrow({
      where: { action: "export.retry", targetId: created.exportId },
    });
    expect(audit.actorId).toBe(admin.id);
  }, 120_000);

  it("one that died in each of its attempts, or whose server died, ends failed too, and can be removed", async () => {
    // Its beat long stopped, no job left (a direct download has none).
    const created = await createExport({
      projectId,
      options: exportOptionsSchema.parse({ format: "csv" }),
      actorId: admin.id,
      enqueue: false,
    });
    const folder = exportFolder(`${projectId}/${created.exportId}`);
    await mkdir(folder, { recursive: true });
    await writeFile(path.join(folder, created.fileName), "partial,");
    await getPrisma().export.update({
      where: { id: created.exportId },
      data: { status: "running", attempts: 3, heartbeatAt: new Date(Date.now() - 10 * 60_000) },
    });
    const [shown] = await listExports({ projectId, limit: 1 });
    expect(shown).toMatchObject({ id: created.exportId, status: "running", stale: true });
    expect((await reapExports()).failed).toEqual([created.exportId]);
    expect((await exportRow(created.exportId)).error).toMatch(/stopped during each of its 3 attempts/);
    expect(existsSync(folder)).toBe(false);

    // Only a failed export is removed from the list (a finished one keeps its record; "Remove files" frees its disk).
    const finished = await createExport({
      projectId,
      options: exportOptionsSchema.parse({ format: "csv" }),
      actorId: admin.id,
      enqueue: false,
    });
    await runExport({ exportId: finished.exportId });
    await expect(removeExport({ projectId, exportId: finished.exportId, actorId: admin.id })).rejects.toThrow(
      /done; only a failed export/,
    );
    await removeExport({ projectId, exportId: created.exportId, actorId: admin.id });
    expect(await getPrisma().export.findUnique({ where: { id: created.exportId } })).toBeNull();
    const audit = await getPrisma().auditEvent.findFirstOrThrow({
      where: { action: "export.remove", targetId: created.exportId },
    });
    expect(audit).toMatchObject({ actorId: admin.id, data: expect.objectContaining({ format: "csv" }) });
  });
});

describe("a direct download that is cut", () => {
  it("ends failed with the reason, its partial file removed", async () => {
    const started = await startStreamedExport({
      projectId,
      options: exportOptionsSchema.parse({ status: "all", format: "alpaca" }),
      actorId: admin.id,
    });
    await started.body.cancel(new Error("the browser went away"));
    await vi.waitFor(async () => expect((await exportRow(started.exportId)).status).toBe("failed"), {
      timeout: 10_000,
      interval: 50,
    });
    expect((await exportRow(started.exportId)).error).toMatch(/went away|cancel|abort/i);
    await vi.waitFor(() => expect(existsSync(exportFolder(`${projectId}/${started.exportId}`))).toBe(false), {
      timeout: 5_000,
      interval: 50,
    });
  });
});

describe("retention", () => {
  it("removes the files of exports finished longer ago than EXPORT_RETENTION_DAYS; their records stay, marked expired", async () => {
    const make = async () => {
      const created = await createExport({
        projectId,
        options: exportOptionsSchema.parse({ format: "alpaca" }),
        actorId: admin.id,
        enqueue: false,
      });
      await runExport({ exportId: created.exportId });
      return created.exportId;
    };
    const [old, recent] = [await make(), await make()];
    await getPrisma().export.update({
      where: { id: old },
      data: { finishedAt: new Date(Date.now() - 31 * 86_400_000) },
    });
    const before = await exportDiskUsage({ projectId });
    process.env.EXPORT_RETENTION_DAYS = "30";
    const reaped = await reapExports();
    expect(reaped.expired).toEqual([old]);
    const [oldRow, recentRow] = [await exportRow(old), await exportRow(recent)];
    expect(oldRow).toMatchObject({ status: "done", storagePath: null });
    expect(oldRow.expiredAt).not.toBeNull();
    expect(recentRow.storagePath).not.toBeNull();
    expect(existsSync(exportFolder(`${projectId}/${old}`))).toBe(false);
    expect(existsSync(exportFolder(`${projectId}/${recent}`))).toBe(true);
    const after = await exportDiskUsage({ projectId });
    expect(after).toBe(before - Number(oldRow.bytes));
    // 0 keeps files for ever.
    await getPrisma().export.update({
      where: { id: recent },
      data: { finishedAt: new Date(Date.now() - 400 * 86_400_000) },
    });
    expect((await reapExports({ retentionDays: 0 })).expired).toEqual([]);
  });
});

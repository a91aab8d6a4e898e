// Each queue's payload contract, on a real queue: producers and workers share
// one schema, a worker fails a malformed job at once (no retries) with a
// message that names the queue and the field, and keeps taking jobs.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setupTestDatabase } from "@/tests/setup/test-database";

const { url } = await setupTestDatabase();
const { getBoss, stopBoss } = await import("./boss");
const { STEP_QUEUE, parseStepJob } = await import("./step-job");
const { EXPORT_QUEUE, parseExportJob } = await import("./export-job");
const { startStepWorker } = await import("./step-worker");
const { startExportWorker } = await import("./export-worker");
const { DIVERSITY_QUEUE, parseDiversityJob } = await import("./diversity-job");
const { startDiversityWorker } = await import("./diversity-worker");

const logs: string[] = [];
let workers: Array<{ stop(): Promise<void> }> = [];

beforeAll(async () => {
  const log = (message: string) => logs.push(message);
  workers = [
    await startStepWorker({ connectionString: url, concurrency: 2, log }),
    await startExportWorker({ connectionString: url, concurrency: 1, threads: false, log }),
    await startDiversityWorker({ connectionString: url, log }),
  ];
});

afterAll(async () => {
  await Promise.all(workers.map((w) => w.stop()));
  await stopBoss();
});

/** Sends a job as any producer would and polls it until it leaves `created`/`active`. */
async function sendAndSettle(queue: string, data: object) {
  const boss = await getBoss();
  const id = await boss.send(queue, data);
  expect(id).toEqual(expect.any(String));
  const deadline = Date.now() + 20_000;
  for (;;) {
    const job = await boss.getJobById<object>(queue, id!);
    if (job && job.state !== "created" && job.state !== "active") return job;
    if (Date.now() > deadline) throw new Error(`job ${id} on ${queue} still ${job?.state} after 20 s`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("payload schemas", () => {
  it("accept the producers' shape and name the queue and field when they reject one", () => {
    const stepId = randomUUID();
    expect(parseStepJob({ stepId })).toEqual({ ok: true, payload: { stepId } });
    const bad = parseStepJob({ stepId: "step-1" });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.message).toMatch(/^Malformed evolve-step job payload:[\s\S]*stepId/);
    expect(parseExportJob({})).toMatchObject({
      ok: false,
      message: expect.stringMatching(/export job[\s\S]*exportId/),
    });
  });
});

describe("a diversity worker given a malformed job", () => {
  it("fails it without retries, and completes one for a project that is gone", async () => {
    expect(parseDiversityJob({ projectId: "p" })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/diversity job[\s\S]*projectId/),
    });
    const job = await sendAndSettle(DIVERSITY_QUEUE, { projectId: "not-a-uuid" });
    expect(job.state).toBe("failed");
    expect(job.retryCount).toBe(0);
    const gone = await sendAndSettle(DIVERSITY_QUEUE, { projectId: randomUUID() });
    expect(gone.state).toBe("completed");
  });
});

describe("a step worker given a malformed job", () => {
  it("fails it without retries, with the reason as its output, and goes on working", async () => {
    const job = await sendAndSettle(STEP_QUEUE, { stepId: "not-a-uuid" });
    expect(job.state).toBe("failed");
    expect(job.retryCount).toBe(0);
    expect(job.output).toEqual({ message: expect.stringMatching(/^Malformed evolve-step job payload:[\s\S]*stepId/) });
    expect(logs.some((line) => line.includes(job.id) && line.includes("Malformed evolve-step"))).toBe(true);

    // A well-formed job for a step that does not exist is a no-op: it completes.
    const next = await sendAndSettle(STEP_QUEUE, { stepId: randomUUID() });
    expect(next.state).toBe("completed");
  });
});

describe("an export worker given a malformed job", () => {
  it("fails it without retries, while an export that fails to run is retried as before", async () => {
    const job = await sendAndSettle(EXPORT_QUEUE, { exportId: 42 });
    expect(job.state).toBe("failed");
    expect(job.retryCount).toBe(0);
    expect(job.output).toEqual({ message: expect.stringMatching(/^Malformed export job payload:[\s\S]*exportId/) });

    // Well-formed, but no such export: runExport throws, and the queue's retries apply.
    const missing = await sendAndSettle(EXPORT_QUEUE, { exportId: randomUUID() });
    expect(missing.state).toBe("retry");
    expect(missing.output).toMatchObject({ message: expect.stringMatching(/No record was found|not found/i) });
  });
});

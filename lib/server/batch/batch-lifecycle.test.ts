// Batches of a run through the simulator's Batch API and a real Postgres:
// stored before upload, polled, collected into llm_calls, resumed after a crash.
import { PAPER_TEXTS } from "@/lib/evolution/builtin-methods";
import OpenAI from "openai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { OPERATIONS } from "@/lib/evolution/operations";
import { TEMPLATE_VERSION } from "@/lib/evolution/templates";
import type { RunConfig } from "@/lib/server/runs/run-config";
import { createSimulator, type Simulator } from "@/lib/simulator/create-simulator";
import { createProjectWithSeeds } from "@/tests/fixtures/projects";
import { createTestUser } from "@/tests/fixtures/users";
import { setupTestDatabase } from "@/tests/setup/test-database";

await setupTestDatabase();
const { getPrisma } = await import("@/lib/server/db/prisma");
const { createSteps } = await import("@/lib/server/runs/create-steps");
const { planStepCalls } = await import("./plan-step-calls");
const { sendBatch, submitBatches } = await import("./submit-batches");
const { collectBatch, pollBatch } = await import("./collect-batch");
const { splitIntoFiles } = await import("@/lib/batch/request-lines");
const { evolveOnce } = await import("@/lib/server/runs/evolve-once");
const { driveBatchRun } = await import("./drive-batch-run");
const { stopBoss } = await import("@/lib/server/jobs/boss");

let sim: Simulator;
let endpoint: { kind: "simulator"; baseURL: string; apiKey: string; label: string };
let actorId: string;

beforeAll(async () => {
  sim = await createSimulator({ seed: "batch-lifecycle" });
  endpoint = { kind: "simulator", baseURL: sim.url, apiKey: "sim", label: "simulator" };
  process.env.SIMULATOR_URL = sim.url;
  actorId = (await createTestUser("admin")).id;
});
afterAll(async () => {
  await stopBoss();
  await sim.close();
});
beforeEach(() => {
  sim.setOptions({ batchDelayMs: 0, batchFailingLines: 0, batchExpire: 0 });
  sim.resetStats();
});

const settings = (model: string) => ({ model, temperature: 1, topP: 0.9, maxTokens: 256 });
const config: RunConfig = {
  name: "batch",
  seedQuery: "",
  seedLimit: null,
  seedCount: 5,
  branching: 1,
  weights: Object.fromEntries(OPERATIONS.map((op) => [op, 1])) as RunConfig["weights"],
  rules: { no_information_gain: true, refusal: true, empty_answer: true, copied_prompt: true },
  scoreDifficulty: false,
  endpoint: "simulator",
  endpointLabel: "simulator",
  llm: {
    evolve: settings("sim-evolver"),
    answer: settings("sim-answerer"),
    judge: settings("sim-judge"),
    difficulty: settings("sim-judge"),
  },
};

/** A batch-mode run with its round-1 steps, and each step's evolve call. */
async function runWithEvolveCalls(seeds = 5) {
  const prisma = getPrisma();
  const project = await createProjectWithSeeds({ count: seeds, actorId });
  const run = await prisma.run.create({
    data: { projectId: project.id, status: "running", templateVersion: TEMPLATE_VERSION, config, batch: true },
  });
  const parents = await prisma.node.findMany({ where: { projectId: project.id } });
  await prisma.$transaction((tx) =>
    createSteps({ tx, runId: run.id, config, round: 1, parents: parents.map((p) => ({ id: p.id, rootId: p.rootId })) }),
  );
  const steps = await prisma.runStep.findMany({ where: { runId: run.id }, include: { parent: true } });
  const calls = [];
  for (const step of steps) {
    const planned = await planStepCalls({
      texts: PAPER_TEXTS,
      ...step,
      runId: run.id,
      parent: step.parent,
      config,
      stored: new Map(),
    });
    calls.push(...planned.map((call) => ({ ...call, stepId: step.id })));
  }
  return { run, calls };
}

async function finish(batchIds: string[]) {
  for (const batchId of batchIds) {
    expect(await pollBatch({ batchId, endpoint })).toBe("ended");
    await collectBatch({ batchId, endpoint });
  }
}

describe("batch lifecycle", () => {
  it("splits a phase into batches, and stores every reply under its request key, once", async () => {
    const { run, calls } = await runWithEvolveCalls(5);
    const ids = await submitBatches({
      runId: run.id,
      round: 1,
      calls,
      endpoint,
      limits: { maxRequests: 2, maxBytes: 1e9 },
    });
    expect(ids).toHaveLength(3);
    const prisma = getPrisma();
    const submitted = await prisma.llmBatch.findMany({ where: { runId: run.id }, orderBy: { id: "asc" } });
    expect(submitted.map((b) => [b.state, b.requestCount])).toEqual([
      ["submitted", 2],
      ["submitted", 2],
      ["submitted", 1],
    ]);
    await finish(ids);
    await finish(ids); // collecting again changes nothing
    const stored = await prisma.llmCall.findMany({ where: { runId: run.id } });
    expect(stored.map((c) => c.requestKey).sort()).toEqual(calls.map((c) => c.customId).sort());
    expect(stored.every((c) => c.outcome === "ok" && c.role === "evolve" && c.reply && c.model === "sim-evolver")).toBe(
      true,
    );
    expect(Object.values(sim.stats().batchLinesByCustomId)).toEqual([1, 1, 1, 1, 1]);
    const done = await prisma.llmBatch.findMany({ where: { runId: run.id } });
    expect(done.every((b) => b.state === "collected" && b.providerStatus === "completed" && b.endedAt)).toBe(true);
    expect(done.reduce((sum, b) => sum + b.doneCount, 0)).toBe(5);
  });

  it("stores what the step job then reuses: the step completes without sending a call", async () => {
    const { run, calls } = await runWithEvolveCalls(3);
    await finish(await submitBatches({ runId: run.id, round: 1, calls, endpoint }));
    const prisma = getPrisma();
    const steps = await prisma.runStep.findMany({ where: { runId: run.id }, include: { parent: true } });
    const storedReplies = async () =>
      new Map(
        (await prisma.llmCall.findMany({ where: { runId: run.id, outcome: "ok" } })).map((c) => [
          c.requestKey!,
          { text: c.reply!, promptTokens: c.promptTokens, completionTokens: c.completionTokens },
        ]),
      );
    const stored = await storedReplies();
    const next = [];
    for (const step of steps)
      for (const call of await planStepCalls({
        texts: PAPER_TEXTS,
        ...step,
        runId: run.id,
        parent: step.parent,
        config,
        stored,
      }))
        next.push({ ...call, stepId: step.id });
    expect(new Set(next.map((c) => c.role))).toEqual(new Set(["answer", "judge"]));
    for (const role of ["answer", "judge"] as const) {
      const phase = next.filter((c) => c.role === role);
      await finish(await submitBatches({ runId: run.id, round: 1, calls: phase, endpoint }));
    }
    const all = await storedReplies();
    sim.resetStats();
    for (const step of steps) {
      expect(
        await planStepCalls({ texts: PAPER_TEXTS, ...step, runId: run.id, parent: step.parent, config, stored: all }),
      ).toEqual([]);
      // The synchronous step path, callLlm and all: every call is answered from llm_calls.
      const outcome = await evolveOnce({ ...step, runId: run.id, parent: step.parent, config, endpoint });
      expect(outcome.answer).toBe(all.get(`${step.stepKey}:answer`)!.text);
      expect(outcome.eliminator.judgeReply).toBe(all.get(`${step.stepKey}:judge`)!.text);
    }
    expect(sim.stats().requests).toBe(0);
  });

  it("records failing lines with their reasons and marks them for a retry", async () => {
    sim.setOptions({ batchFailingLines: 0.5 });
    const { run, calls } = await runWithEvolveCalls(12);
    await finish(await submitBatches({ runId: run.id, round: 1, calls, endpoint }));
    const prisma = getPrisma();
    const lines = await prisma.llmBatchLine.findMany({ where: { batch: { runId: run.id } } });
    const failed = lines.filter((l) => l.outcome === "error");
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.length).toBeLessThan(12);
    expect(failed.every((l) => l.errorKind === "server_error")).toBe(true);
    const errors = await prisma.llmCall.findMany({ where: { runId: run.id, outcome: "error" } });
    expect(errors).toHaveLength(failed.length);
    expect(errors[0].errorMessage).toMatch(/simulated/);
    const ok = await prisma.llmCall.count({ where: { runId: run.id, outcome: "ok" } });
    expect(ok).toBe(12 - failed.length);
  });

  it("fails every line of an expired batch as batch_expired", async () => {
    sim.setOptions({ batchExpire: 1 });
    const { run, calls } = await runWithEvolveCalls(3);
    const [id] = await submitBatches({ runId: run.id, round: 1, calls, endpoint });
    await finish([id]);
    const prisma = getPrisma();
    const batch = await prisma.llmBatch.findUniqueOrThrow({ where: { id }, include: { lines: true } });
    expect(batch.providerStatus).toBe("expired");
    expect(batch.error).toBe("batch expired");
    expect(batch.lines.map((l) => l.errorKind)).toEqual(["batch_expired", "batch_expired", "batch_expired"]);
    expect(await prisma.llmCall.count({ where: { runId: run.id, outcome: "ok" } })).toBe(0);
  });

  it("keeps polling a batch still in progress, with backoff", async () => {
    sim.setOptions({ batchDelayMs: 60_000 });
    const { run, calls } = await runWithEvolveCalls(1);
    const [id] = await submitBatches({ runId: run.id, round: 1, calls, endpoint });
    expect(await pollBatch({ batchId: id, endpoint })).toBe("open");
    const row = await getPrisma().llmBatch.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ state: "submitted", providerStatus: "in_progress", polls: 1 });
    expect(row.pollAt!.getTime()).toBeGreaterThan(Date.now() + 20_000);
  });

  it("after a crash between creating the batch and storing its id, finds it instead of creating another", async () => {
    const { run, calls } = await runWithEvolveCalls(2);
    const prisma = getPrisma();
    const [file] = splitIntoFiles(calls);
    const row = await prisma.llmBatch.create({
      data: { runId: run.id, round: 1, phase: "evolve", requestCount: 2, bytes: file.bytes },
    });
    await prisma.llmBatchLine.createMany({
      data: calls.map((c) => ({ batchId: row.id, requestKey: c.customId, stepId: c.stepId })),
    });
    // What the dead process got done: the upload stored, the batch created, its id never stored.
    const client = new OpenAI({ baseURL: sim.url, apiKey: "sim" });
    const uploaded = await client.files.create({ file: new File([file.content], "in.jsonl"), purpose: "batch" });
    await prisma.llmBatch.update({ where: { id: row.id }, data: { state: "uploaded", inputFileId: uploaded.id } });
    const lost = await client.batches.create({
      input_file_id: uploaded.id,
      endpoint: "/v1/chat/completions",
      completion_window: "24h",
      metadata: { evol_batch: row.id },
    });
    await sendBatch({ batchId: row.id, file, endpoint });
    const resumed = await prisma.llmBatch.findUniqueOrThrow({ where: { id: row.id } });
    expect(resumed).toMatchObject({ state: "submitted", providerId: lost.id });
    expect(sim.stats().batches).toBe(1);
    await finish([row.id]);
    expect(await prisma.llmCall.count({ where: { runId: run.id, outcome: "ok" } })).toBe(2);
  });

  it("after a crash between storing a batch and uploading it, the run's job sends that batch, once, with the same lines", async () => {
    const { run, calls } = await runWithEvolveCalls(3);
    const prisma = getPrisma();
    const [file] = splitIntoFiles(calls);
    // What the dead process got done: the batch and its lines stored, nothing uploaded.
    const row = await prisma.llmBatch.create({
      data: { runId: run.id, round: 1, phase: "evolve", requestCount: 3, bytes: file.bytes },
    });
    await prisma.llmBatchLine.createMany({
      data: calls.map((c) => ({ batchId: row.id, requestKey: c.customId, stepId: c.stepId })),
    });
    await driveBatchRun({ runId: run.id });
    const sent = await prisma.llmBatch.findUniqueOrThrow({ where: { id: row.id } });
    // Sent, and (no completion delay here) already polled and collected in the same pass.
    expect(sent).toMatchObject({ state: "collected", providerStatus: "completed", bytes: file.bytes });
    expect(await prisma.llmBatch.count({ where: { runId: run.id } })).toBe(1);
    expect(sim.stats().batches).toBe(1);
    const client = new OpenAI({ baseURL: sim.url, apiKey: "sim" });
    expect(await (await client.files.content(sent.inputFileId!)).text()).toBe(file.content);
    expect(await prisma.llmCall.count({ where: { runId: run.id, outcome: "ok" } })).toBe(3);
    await driveBatchRun({ runId: run.id });
    expect(sim.stats().batches).toBe(1);
  });
});

// A run's method end to end: the prompts the simulator receives are made of the
// run's method version, and the run and its nodes record that version.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CODE_TEXTS, PAPER_TEXTS } from "@/lib/evolution/builtin-methods";
import { IN_DEPTH_OPERATIONS } from "@/lib/evolution/operations";
import { createSimulator, type Simulator } from "@/lib/simulator/create-simulator";
import { createProjectWithSeeds } from "@/tests/fixtures/projects";
import { simulatorRunOptions } from "@/tests/fixtures/run-options";
import { createTestUser, type TestUser } from "@/tests/fixtures/users";
import { waitForRunStatus } from "@/tests/fixtures/wait-for-run";
import { setupTestDatabase } from "@/tests/setup/test-database";

const { url } = await setupTestDatabase();
const { getPrisma } = await import("@/lib/server/db/prisma");
const { startRun } = await import("./start-run");
const { resolveMethodVersion } = await import("@/lib/server/methods/resolve-method-version");
const { getNodeDetail } = await import("@/lib/server/review/get-node-detail");
const { startStepWorker } = await import("@/lib/server/jobs/step-worker");
const { stopBoss } = await import("@/lib/server/jobs/boss");

let simulator: Simulator;
let worker: { stop(): Promise<void> };
let admin: TestUser;

beforeAll(async () => {
  simulator = await createSimulator({ latencyMs: 1, seed: "method-test", recordPrompts: true });
  process.env.SIMULATOR_URL = simulator.url;
  admin = await createTestUser("admin");
  worker = await startStepWorker({ connectionString: url, concurrency: 8 });
});

afterAll(async () => {
  await worker?.stop();
  await stopBoss();
  await simulator?.close();
});

const weightsOnly = (ops: readonly string[]) =>
  Object.fromEntries([...IN_DEPTH_OPERATIONS, "breadth"].map((op) => [op, ops.includes(op) ? 1 : 0])) as ReturnType<
    typeof simulatorRunOptions
  >["weights"];

describe("a run's method", () => {
  it("code: every evolve, judge and difficulty prompt carries code's texts; the run and its nodes record code v1", async () => {
    const project = await createProjectWithSeeds({ count: 10, actorId: admin.id });
    const code = await resolveMethodVersion({ method: "code" });
    const before = simulator.stats().prompts.length;
    const run = await startRun({
      ...simulatorRunOptions(project.id, {
        rounds: 2,
        scoreDifficulty: true,
        weights: weightsOnly(IN_DEPTH_OPERATIONS),
      }),
      method: "code",
      actorId: admin.id,
    });
    expect(run.method).toBe("code v1");
    await waitForRunStatus(run.id, ["completed"]);

    const prompts = simulator.stats().prompts.slice(before);
    const evolve = prompts.filter((p) => p.endsWith("#Rewritten Prompt#:"));
    expect(evolve.length).toBe(20);
    for (const prompt of evolve) {
      expect(prompt.startsWith(CODE_TEXTS.depthIntro)).toBe(true);
      expect(IN_DEPTH_OPERATIONS.some((op) => prompt.includes(CODE_TEXTS.operationMethods[op as "deepen"]))).toBe(true);
    }
    expect(prompts.filter((p) => p.startsWith(CODE_TEXTS.judge)).length).toBe(20);
    expect(prompts.filter((p) => p.startsWith(CODE_TEXTS.difficulty)).length).toBe(20);
    expect(prompts.some((p) => p.includes(PAPER_TEXTS.depthIntro) || p.startsWith(PAPER_TEXTS.judge))).toBe(false);

    const stored = await getPrisma().run.findUniqueOrThrow({ where: { id: run.id } });
    expect(stored.methodVersionId).toBe(code.id);
    const nodes = await getPrisma().node.findMany({
      where: { runId: run.id },
      select: { id: true, methodVersionId: true },
    });
    expect(nodes).toHaveLength(20);
    expect(nodes.every((n) => n.methodVersionId === code.id)).toBe(true);
    const detail = await getNodeDetail({ projectId: project.id, nodeId: nodes[0].id, viewer: admin });
    expect(detail?.method).toBe("code v1");
  });

  it("without a choice, paper's latest version, whose prompts are today's", async () => {
    const project = await createProjectWithSeeds({ count: 3, actorId: admin.id });
    const before = simulator.stats().prompts.length;
    const run = await startRun({ ...simulatorRunOptions(project.id, { rounds: 1 }), actorId: admin.id });
    expect(run.method).toBe("paper v1");
    await waitForRunStatus(run.id, ["completed"]);
    const prompts = simulator.stats().prompts.slice(before);
    expect(
      prompts.filter((p) => p.startsWith(PAPER_TEXTS.depthIntro) || p.startsWith(PAPER_TEXTS.breadthIntro)),
    ).toHaveLength(3);
    const nodes = await getPrisma().node.findMany({ where: { runId: run.id }, select: { methodVersionId: true } });
    expect(nodes.map((n) => n.methodVersionId)).toEqual(Array(3).fill((await resolveMethodVersion({})).id));
  });

  it("refuses an unknown method or version before creating anything", async () => {
    const project = await createProjectWithSeeds({ count: 1, actorId: admin.id });
    await expect(startRun({ ...simulatorRunOptions(project.id), method: "nope", actorId: admin.id })).rejects.toThrow(
      /no method named "nope"/,
    );
    await expect(
      startRun({ ...simulatorRunOptions(project.id), method: "code", methodVersion: 7, actorId: admin.id }),
    ).rejects.toThrow(/has no version 7/);
    expect(await getPrisma().run.count({ where: { projectId: project.id } })).toBe(0);
  });
});

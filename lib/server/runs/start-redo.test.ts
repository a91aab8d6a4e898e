// Re-evolve and re-answer end to end: a one-step run on the real queue, the
// simulator over HTTP, and a new sibling beside a node that stays untouched.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSimulator, type Simulator } from "@/lib/simulator/create-simulator";
import { createProjectWithSeeds } from "@/tests/fixtures/projects";
import { simulatorRunOptions } from "@/tests/fixtures/run-options";
import { createTestUser, type TestUser } from "@/tests/fixtures/users";
import { waitForRunStatus } from "@/tests/fixtures/wait-for-run";
import { setupTestDatabase } from "@/tests/setup/test-database";

const { url } = await setupTestDatabase();
const { getPrisma } = await import("@/lib/server/db/prisma");
const { startRun } = await import("./start-run");
const { startRedo } = await import("./start-redo");
const { editNode } = await import("@/lib/server/review/edit-node");
const { decideNode } = await import("@/lib/server/review/decide-node");
const { startStepWorker } = await import("@/lib/server/jobs/step-worker");
const { stopBoss } = await import("@/lib/server/jobs/boss");

let simulator: Simulator;
let worker: { stop(): Promise<void> };
let admin: TestUser;
let projectId: string;

beforeAll(async () => {
  simulator = await createSimulator({ latencyMs: 5, jitter: 0.5, seed: "redo-test" });
  process.env.SIMULATOR_URL = simulator.url;
  admin = await createTestUser("admin");
  worker = await startStepWorker({ connectionString: url, concurrency: 8 });
  projectId = (await createProjectWithSeeds({ count: 3, actorId: admin.id, withInput: true })).id;
  // A method other than the default, so the redo is seen to keep the node's.
  const run = await startRun({ ...simulatorRunOptions(projectId, { rounds: 2 }), method: "code", actorId: admin.id });
  await waitForRunStatus(run.id, ["completed"]);
});

afterAll(async () => {
  await worker?.stop();
  await stopBoss();
  await simulator?.close();
});

const nodeSnapshot = (id: string) =>
  getPrisma().node.findUniqueOrThrow({
    where: { id },
    select: { instruction: true, input: true, output: true, verdict: true, humanStatus: true, updatedAt: true },
  });

async function roundTwoNode() {
  return getPrisma().node.findFirstOrThrow({ where: { projectId, round: 2 }, orderBy: { id: "asc" } });
}

describe("redo a node as a new sibling", () => {
  it("re-evolves the parent with the chosen operation and leaves the node as it was", async () => {
    const node = await roundTwoNode();
    const before = await nodeSnapshot(node.id);
    const operation = node.operation === "concretize" ? "deepen" : "concretize";
    const redo = await startRedo({ projectId, nodeId: node.id, kind: "re-evolve", operation, actor: admin });
    await waitForRunStatus(redo.runId, ["completed"]);

    const siblings = await getPrisma().node.findMany({ where: { runId: redo.runId } });
    expect(siblings).toHaveLength(1);
    const [sibling] = siblings;
    expect(sibling.parentId).toBe(node.parentId);
    expect(sibling.rootId).toBe(node.rootId);
    expect(sibling.round).toBe(2);
    expect(sibling.operation).toBe(operation);
    expect(sibling.metadata).toMatchObject({ redoOf: node.id, redo: "re-evolve" });
    expect(sibling.id).not.toBe(node.id);
    expect(await nodeSnapshot(node.id)).toEqual(before);
    const code = await getPrisma().methodVersion.findFirstOrThrow({ where: { method: { name: "code" }, version: 1 } });
    expect(node.methodVersionId).toBe(code.id);
    expect(sibling.methodVersionId).toBe(code.id);

    const calls = await getPrisma().llmCall.groupBy({
      by: ["role"],
      where: { runId: redo.runId, outcome: "ok" },
      _count: true,
    });
    expect(Object.fromEntries(calls.map((c) => [c.role, c._count]))).toEqual({ evolve: 1, answer: 1, judge: 1 });
  });

  it("re-answers the node's current (edited) instruction without an evolve call", async () => {
    const node = await roundTwoNode();
    const edited = `${node.instruction} Answer in exactly three bullet points.`;
    await editNode({ projectId, nodeId: node.id, field: "instruction", text: edited, editorId: admin.id });
    const before = await nodeSnapshot(node.id);
    const redo = await startRedo({ projectId, nodeId: node.id, kind: "re-answer", actor: admin });
    expect(redo.operation).toBe(node.operation);
    await waitForRunStatus(redo.runId, ["completed"]);

    const sibling = await getPrisma().node.findFirstOrThrow({ where: { runId: redo.runId } });
    expect(sibling.parentId).toBe(node.parentId);
    expect(sibling.instruction).toBe(edited);
    expect(sibling.input).toBe(node.input);
    expect(sibling.output).toBeTruthy();
    expect(sibling.operation).toBe(node.operation);
    expect(sibling.metadata).toMatchObject({ redoOf: node.id, redo: "re-answer" });
    expect(await nodeSnapshot(node.id)).toEqual(before);

    const roles = await getPrisma().llmCall.findMany({ where: { runId: redo.runId }, select: { role: true } });
    expect(roles.map((r) => r.role).sort()).toEqual(["answer", "judge"]);
  });

  it("refuses seeds, unknown nodes and children of rejected parents", async () => {
    const seed = await getPrisma().node.findFirstOrThrow({ where: { projectId, parentId: null } });
    await expect(startRedo({ projectId, nodeId: seed.id, kind: "re-answer", actor: admin })).rejects.toThrow(
      /seed has no parent/,
    );
    await expect(
      startRedo({ projectId, nodeId: "0190a000-0000-7000-8000-000000000000", kind: "re-answer", actor: admin }),
    ).rejects.toThrow(/does not exist/);

    const node = await roundTwoNode();
    await decideNode({
      projectId,
      nodeId: node.parentId!,
      reviewer: { id: admin.id, role: "admin" },
      decision: "reject",
      reasonTags: [],
      note: "",
      seenReviewId: null,
    });
    const runsBefore = await getPrisma().run.count({ where: { projectId } });
    await expect(
      startRedo({ projectId, nodeId: node.id, kind: "re-evolve", operation: "deepen", actor: admin }),
    ).rejects.toThrow(/parent was rejected/);
    expect(await getPrisma().run.count({ where: { projectId } })).toBe(runsBefore);
  });
});

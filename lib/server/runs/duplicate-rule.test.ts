// The duplicate rule end to end: real runs on a real worker, evolutions from
// the simulator over HTTP, some of them copies (of the parent, of a sibling,
// of another node of the project), judged when the node is stored.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OPERATIONS, type Operation } from "@/lib/evolution/operations";
import { inDepthReply } from "@/lib/simulator/evolve-replies";
import { createSimulator, type Simulator } from "@/lib/simulator/create-simulator";
import { parseSeedFile } from "@/lib/seeds/parse-seed-file";
import { normalizeForDuplicates } from "@/lib/text/duplicate-text";
import { reviewQueueFilterSchema } from "@/lib/validation/review";
import { createProjectWithSeeds } from "@/tests/fixtures/projects";
import { simulatorRunOptions } from "@/tests/fixtures/run-options";
import { createTestUser, type TestUser } from "@/tests/fixtures/users";
import { waitForRunStatus } from "@/tests/fixtures/wait-for-run";
import { setupTestDatabase } from "@/tests/setup/test-database";

process.env.LLM_CONCURRENCY = "16";
const { url } = await setupTestDatabase();
const { getPrisma } = await import("@/lib/server/db/prisma");
const { startRun } = await import("./start-run");
const { importSeeds } = await import("@/lib/server/seeds/import-seeds");
const { listReviewQueue } = await import("@/lib/server/review/list-review-queue");
const { startStepWorker } = await import("@/lib/server/jobs/step-worker");
const { stopBoss } = await import("@/lib/server/jobs/boss");

let simulator: Simulator;
let worker: { stop(): Promise<void> };
let admin: TestUser;

beforeAll(async () => {
  simulator = await createSimulator({ latencyMs: 5, jitter: 0.5, seed: "duplicate-rule" });
  process.env.SIMULATOR_URL = simulator.url;
  admin = await createTestUser("admin");
  worker = await startStepWorker({ connectionString: url, concurrency: 24 });
});

afterAll(async () => {
  await worker?.stop();
  await stopBoss();
  await simulator?.close();
});

const only = (operation: Operation) =>
  Object.fromEntries(OPERATIONS.map((op) => [op, op === operation ? 1 : 0])) as Record<Operation, number>;

/** One round, no judge (it would call a copy Equal too), the duplicate rule on or off. */
async function runOnce(options: { projectId: string; duplicate: boolean; branching?: number; operation?: Operation }) {
  const base = simulatorRunOptions(options.projectId);
  const run = await startRun({
    ...base,
    actorId: admin.id,
    rounds: 1,
    branching: options.branching ?? 1,
    weights: options.operation ? only(options.operation) : base.weights,
    rules: { ...base.rules, no_information_gain: false, duplicate: options.duplicate },
  });
  await waitForRunStatus(run.id, ["completed"]);
  return getPrisma().node.findMany({ where: { runId: run.id }, orderBy: { id: "asc" } });
}

type Verdicts = { verdicts: { rule: string; enabled: boolean; failed: boolean; reason: string }[] };
const duplicateVerdict = (node: { eliminator: unknown }) =>
  (node.eliminator as Verdicts).verdicts.find((v) => v.rule === "duplicate")!;
/** An earlier node of the run with the same text after normalisation (the rule's hash), if any. */
const twinBefore = <T extends { id: string; instruction: string; input: string }>(nodes: T[], node: T) =>
  nodes.find(
    (other) =>
      other.id < node.id &&
      normalizeForDuplicates(other.instruction) === normalizeForDuplicates(node.instruction) &&
      normalizeForDuplicates(other.input) === normalizeForDuplicates(node.input),
  );
const isCopy = (node: { rawReply: string | null }) => /^\s+[^a-z]+$/.test(node.rawReply ?? "");

describe("the duplicate rule", () => {
  it("eliminates evolutions that copy their parent, and the review queue's rule filter finds them", async () => {
    simulator.setOptions({ faults: { copied_instruction: 0.4 } });
    const project = await createProjectWithSeeds({ count: 20, actorId: admin.id });
    const nodes = await runOnce({ projectId: project.id, duplicate: true });
    const copies = nodes.filter(isCopy);
    expect(copies.length).toBeGreaterThan(0);
    expect(copies.length).toBeLessThan(nodes.length);
    for (const node of nodes) {
      const verdict = duplicateVerdict(node);
      if (isCopy(node)) {
        expect(node.verdict).toBe("failed");
        expect(node.failedRules).toEqual(["duplicate"]);
        expect(verdict.reason).toBe(`identical to its parent (node ${node.parentId}) after normalisation`);
      } else if (twinBefore(nodes, node)) {
        // Two seeds that differ only in a number can get the same in-breadth rewrite (the simulator builds it from
        // their words): the later one is a real duplicate of the earlier.
        expect(verdict.reason).toBe(`identical to node ${twinBefore(nodes, node)!.id} after normalisation`);
      } else {
        // Said in full when it fails: which rule failed a rewrite that is not a copy, and why.
        const failed = (node.eliminator as Verdicts).verdicts.filter((v) => v.failed);
        expect(node.verdict, `${node.id} (step ${node.stepKey}): ${JSON.stringify(failed)}`).toBe("passed");
        expect(verdict).toMatchObject({ enabled: true, failed: false });
        expect(verdict.reason).toMatch(/^no identical node in the project; closest .* < 0\.95\)$/);
      }
    }
    const queue = await listReviewQueue({
      projectId: project.id,
      filter: reviewQueueFilterSchema.parse({ rule: "duplicate", status: "any" }),
    });
    const duplicates = nodes.filter((n) => isCopy(n) || twinBefore(nodes, n));
    expect(queue.items.map((i) => i.id).sort()).toEqual(duplicates.map((c) => c.id).sort());
  });

  it("switched off, the same copies pass", async () => {
    simulator.setOptions({ faults: { copied_instruction: 0.4 } });
    const project = await createProjectWithSeeds({ count: 20, actorId: admin.id });
    const nodes = await runOnce({ projectId: project.id, duplicate: false });
    expect(nodes.filter(isCopy).length).toBeGreaterThan(0);
    for (const node of nodes) {
      expect(node.verdict).toBe("passed");
      expect(duplicateVerdict(node)).toEqual({
        rule: "duplicate",
        enabled: false,
        failed: false,
        reason: "disabled for this run",
      });
    }
  });

  it("of siblings evolved at the same moment into the same text, exactly one passes", async () => {
    simulator.setOptions({ faults: {} });
    const project = await createProjectWithSeeds({ count: 8, actorId: admin.id });
    // Same parent, same operation: the simulator, a pure function of the prompt, gives all three the same text.
    const nodes = await runOnce({ projectId: project.id, duplicate: true, branching: 3, operation: "deepen" });
    expect(nodes).toHaveLength(24);
    const byParent = Map.groupBy(nodes, (n) => n.parentId);
    for (const children of byParent.values()) {
      expect(new Set(children.map((c) => c.instruction)).size).toBe(1);
      const passed = children.filter((c) => c.verdict === "passed");
      expect(passed).toHaveLength(1);
      for (const child of children.filter((c) => c.verdict === "failed")) {
        expect(child.failedRules).toEqual(["duplicate"]);
        expect(duplicateVerdict(child).reason).toMatch(
          /^identical to its sibling node [0-9a-f-]{36} after normalisation$/,
        );
      }
    }

    const off = await createProjectWithSeeds({ count: 8, actorId: admin.id });
    const unchecked = await runOnce({ projectId: off.id, duplicate: false, branching: 3, operation: "deepen" });
    expect(unchecked.every((n) => n.verdict === "passed")).toBe(true);
  });

  it("eliminates an evolution identical to any node of the project, found by its hash", async () => {
    simulator.setOptions({ faults: {} });
    const seed = "Explain how tides work to a curious student.";
    // A second seed that is, but for case and spacing, what the first one's deepen evolution will be.
    const twin = `  ${inDepthReply("deepen", seed).toUpperCase()}`;
    const project = await getPrisma().project.create({ data: { name: `duplicate ${Date.now()}` } });
    const lines = [seed, twin].map((instruction) => JSON.stringify({ instruction, output: "x" }));
    const parsed = parseSeedFile(new TextEncoder().encode(lines.join("\n")), { fileName: "twin.jsonl" });
    await importSeeds({ projectId: project.id, actorId: admin.id, parsed });
    const twinNode = await getPrisma().node.findFirstOrThrow({
      where: { projectId: project.id, round: 0, NOT: { instruction: seed } },
    });
    expect(twinNode.duplicateHash).toMatch(/^[0-9a-f]{64}$/);

    const nodes = await runOnce({ projectId: project.id, duplicate: true, operation: "deepen" });
    const child = nodes.find((n) => n.rootId !== twinNode.id)!;
    expect(child.instruction).toBe(inDepthReply("deepen", seed));
    expect(child.duplicateHash).toBe(twinNode.duplicateHash);
    expect(child.failedRules).toEqual(["duplicate"]);
    expect(duplicateVerdict(child).reason).toBe(`identical to node ${twinNode.id} after normalisation`);
    expect(nodes.find((n) => n.rootId === twinNode.id)!.verdict).toBe("passed");
  });
});

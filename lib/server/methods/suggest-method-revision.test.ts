// "Suggest a revision": a version's failures gathered from the database, sent to the optimizer (the simulator over
// HTTP through the real openai client), its reply read into revised texts; accepting saves the next version.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PAPER_TEXTS } from "@/lib/evolution/builtin-methods";
import { createSimulator, type Simulator } from "@/lib/simulator/create-simulator";
import { addMethodNode } from "@/tests/fixtures/method-failures";
import { createProjectWithSeeds } from "@/tests/fixtures/projects";
import { createTestUser, type TestUser } from "@/tests/fixtures/users";
import { setupTestDatabase } from "@/tests/setup/test-database";

await setupTestDatabase();
const { getPrisma } = await import("@/lib/server/db/prisma");
const { ConflictError, InvalidInputError } = await import("@/lib/server/errors");
const { PAPER_V1_ID } = await import("./method-ids");
const { copyMethod } = await import("./copy-method");
const { saveMethodVersion } = await import("./save-method-version");
const { gatherMethodFailures } = await import("./gather-failures");
const { suggestMethodRevision } = await import("./suggest-method-revision");
const { decideNode } = await import("@/lib/server/review/decide-node");

let simulator: Simulator;
let admin: TestUser;
let projectId: string;
let method: { id: string; versionId: string };

beforeAll(async () => {
  simulator = await createSimulator({ latencyMs: 1, seed: "refine-test", recordPrompts: true });
  process.env.SIMULATOR_URL = simulator.url;
  admin = await createTestUser("admin");
  projectId = (await createProjectWithSeeds({ count: 2, actorId: admin.id })).id;
  method = await copyMethod({
    fromVersionId: PAPER_V1_ID,
    name: `refine-${randomBytes(4).toString("hex")}`,
    description: "",
    actorId: admin.id,
  });
  const node = (operation: Parameters<typeof addMethodNode>[0]["operation"], rule?: string, instruction?: string) =>
    addMethodNode({
      projectId,
      methodVersionId: method.versionId,
      operation,
      rule,
      instruction,
      reason: `why ${rule}`,
    });
  // Seven of one rule: only the five most recent are sent.
  for (let i = 1; i <= 7; i++) await node("deepen", "no_information_gain", `Deepened ${i}`);
  await node("deepen", "copied_prompt", "Deepened, and says rewritten prompt");
  await node("breadth", "duplicate", "Breadth has no sentence to revise");
  // Another version's failure is not this one's.
  await addMethodNode({ projectId, methodVersionId: PAPER_V1_ID, operation: "concretize", rule: "refusal" });
  const rejected = await node("add_constraints", undefined, "Constrained into nonsense");
  await decideNode({
    projectId,
    nodeId: rejected,
    reviewer: admin,
    decision: "reject",
    reasonTags: ["unanswerable"],
    note: "No one could\nanswer this.",
    seenReviewId: null,
  });
});

afterAll(async () => {
  await simulator?.close();
});

describe("gatherMethodFailures", () => {
  it("keeps per operation and rule the most recent few, with reasons, tags and notes; no breadth, no other version", async () => {
    const { cases, totals } = await gatherMethodFailures({ methodVersionId: method.versionId });
    const summary = cases.map((c) => [c.operation, c.kind, c.rule, c.instruction]);
    expect(summary).toEqual([
      ["deepen", "eliminated", "copied_prompt", "Deepened, and says rewritten prompt"],
      ...[7, 6, 5, 4, 3].map((i) => ["deepen", "eliminated", "no_information_gain", `Deepened ${i}`]),
      ["add_constraints", "rejected", null, "Constrained into nonsense"],
    ]);
    expect(cases.find((c) => c.kind === "rejected")).toMatchObject({
      tags: ["unanswerable"],
      note: "No one could\nanswer this.",
      parent: expect.stringMatching(/^Explain /),
    });
    expect(cases.find((c) => c.rule === "copied_prompt")?.reason).toBe("why copied_prompt");
    expect(totals.deepen).toEqual({ eliminated: 8, rejected: 0 });
    expect(totals.add_constraints).toEqual({ eliminated: 0, rejected: 1 });
    expect(totals.concretize).toEqual({ eliminated: 0, rejected: 0 });
  });
});

describe("suggestMethodRevision", () => {
  it("sends the cases to the optimizer once, and returns a revised sentence per failing operation", async () => {
    simulator.resetStats();
    const first = await suggestMethodRevision({
      methodVersionId: method.versionId,
      endpoint: "simulator",
      actorId: admin.id,
    });
    expect(first.asked).toEqual(["add_constraints", "deepen"]);
    expect(first.revised).toEqual(["add_constraints", "deepen"]);
    expect(first.suggested.operationMethods.deepen).toBe(
      `${PAPER_TEXTS.operationMethods.deepen} Make sure the rewrite never mentions the rewriting itself and really ` +
        "changes what the task asks.",
    );
    expect(first.suggested.operationMethods.add_constraints).toMatch(/would satisfy a careful human reviewer\.$/);
    expect(first.suggested.operationMethods.concretize).toBe(PAPER_TEXTS.operationMethods.concretize);
    expect(first.suggested.judge).toBe(PAPER_TEXTS.judge);
    expect(first).toMatchObject({ model: "sim-optimizer", reused: false, basedOn: { version: 1 } });
    expect(first.cases).toHaveLength(7);

    const [prompt] = simulator.stats().prompts;
    expect(prompt).toContain('note: "No one could answer this."');
    expect(prompt).not.toContain("Deepened 2");
    expect(prompt).not.toContain("Breadth has no sentence");
    const calls = await getPrisma().llmCall.findMany({ where: { role: "optimizer", model: "sim-optimizer" } });
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ outcome: "ok", runId: null });

    // The same failures again: the stored reply, nothing sent or paid.
    const again = await suggestMethodRevision({
      methodVersionId: method.versionId,
      endpoint: "simulator",
      actorId: admin.id,
    });
    expect(again).toMatchObject({ reused: true, costUsd: 0, suggested: first.suggested });
    expect(simulator.stats().byKind.optimize).toBe(1);
    expect(await getPrisma().llmCall.count({ where: { role: "optimizer" } })).toBe(1);
    expect(
      await getPrisma().auditEvent.count({ where: { action: "method.revision.suggest", targetId: method.id } }),
    ).toBe(2);
  });

  it("accepting saves the next version; a stale suggestion is refused, and a version with no failures has none", async () => {
    const suggestion = await suggestMethodRevision({
      methodVersionId: method.versionId,
      endpoint: "simulator",
      actorId: admin.id,
    });
    const saved = await saveMethodVersion({
      methodId: method.id,
      texts: suggestion.suggested,
      note: "Revised from failures",
      basedOnVersionId: suggestion.basedOn.id,
      actorId: admin.id,
    });
    expect(saved.version).toBe(2);
    const v2 = await getPrisma().methodVersion.findUniqueOrThrow({ where: { id: saved.id } });
    expect(v2.texts).toEqual(suggestion.suggested);
    await expect(
      saveMethodVersion({
        methodId: method.id,
        texts: suggestion.suggested,
        note: "again",
        basedOnVersionId: suggestion.basedOn.id,
        actorId: admin.id,
      }),
    ).rejects.toBeInstanceOf(ConflictError);
    await expect(
      suggestMethodRevision({ methodVersionId: saved.id, endpoint: "simulator", actorId: admin.id }),
    ).rejects.toThrow(InvalidInputError);
  });
});

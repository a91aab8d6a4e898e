// Agreement on hand-made data, every expected value worked out by hand below.
import { beforeAll, describe, expect, it } from "vitest";
import { createProjectWithSeeds } from "@/tests/fixtures/projects";
import { createTestUser, type TestUser } from "@/tests/fixtures/users";
import { setupTestDatabase } from "@/tests/setup/test-database";

await setupTestDatabase();
const { getPrisma } = await import("@/lib/server/db/prisma");
const { uuid7 } = await import("@/lib/server/db/uuid7");
const { decideNode } = await import("./decide-node");
const { getAgreement } = await import("./get-agreement");
const { setReviewSettings } = await import("./set-review-settings");

let admin: TestUser;
let a: TestUser;
let b: TestUser;
let projectId: string;
const nodes: Record<string, string> = {};

beforeAll(async () => {
  [admin, a, b] = await Promise.all([
    createTestUser("admin"),
    createTestUser("annotator"),
    createTestUser("annotator"),
  ]);
  const project = await createProjectWithSeeds({ count: 1, actorId: admin.id });
  projectId = project.id;
  const seed = await getPrisma().node.findFirstOrThrow({ where: { projectId } });
  const spec: [string, "passed" | "failed", string[], "accept" | "reject", "accept" | "reject"][] = [
    ["n1", "passed", [], "accept", "accept"],
    ["n2", "passed", [], "accept", "reject"],
    ["n3", "failed", ["refusal", "duplicate"], "reject", "reject"],
    ["n4", "failed", ["copied_prompt"], "accept", "accept"],
  ];
  for (const [name, verdict, failedRules, byA, byB] of spec) {
    const id = uuid7();
    nodes[name] = id;
    await getPrisma().node.create({
      data: {
        id,
        projectId,
        rootId: seed.id,
        parentId: seed.id,
        round: 1,
        instruction: name,
        contentHash: id,
        verdict,
        failedRules,
      },
    });
    await decideNode({
      projectId,
      nodeId: id,
      reviewer: { id: a.id, role: "annotator" },
      decision: byA,
      reasonTags: [],
      note: "",
      seenReviewId: null,
    });
    await decideNode({
      projectId,
      nodeId: id,
      reviewer: { id: b.id, role: "annotator" },
      decision: byB,
      reasonTags: [],
      note: "",
      seenReviewId: null,
    });
  }
});

describe("agreement on hand-made data", () => {
  it("takes the latest decision as the status under admin's word when no admin decided", async () => {
    const statuses = await getPrisma().node.findMany({
      where: { id: { in: Object.values(nodes) } },
      select: { instruction: true, humanStatus: true },
      orderBy: { instruction: "asc" },
    });
    // B decided last on each node: n1 accept, n2 reject, n3 reject, n4 accept.
    expect(statuses.map((s) => s.humanStatus)).toEqual(["accepted", "rejected", "rejected", "accepted"]);
  });

  it("computes Cohen's kappa between the two reviewers", async () => {
    const { pairs } = await getAgreement({ projectId });
    // Pairs (A,B): acc/acc, acc/rej, rej/rej, acc/acc → observed 3/4.
    // A accepts 3/4, B accepts 2/4 → expected 3/4·2/4 + 1/4·2/4 = 1/2 → κ = (3/4 − 1/2)/(1 − 1/2) = 0.5.
    expect(pairs).toHaveLength(1);
    expect(pairs[0].n).toBe(4);
    expect(pairs[0].kappa).toBeCloseTo(0.5, 10);
    expect([pairs[0].a, pairs[0].b].sort()).toEqual([a.email, b.email].sort());
  });

  it("builds the eliminator-vs-human confusion matrix overall and per rule", async () => {
    const { confusion } = await getAgreement({ projectId });
    // Overall: n1 pass/accept, n2 pass/reject, n3 fail/reject, n4 fail/accept → agreement 2/4;
    // eliminator passes 2/4, humans accept 2/4 → expected 1/2 → κ = 0.
    expect(confusion.overall).toMatchObject({
      bothPass: 1,
      bothFail: 1,
      eliminatorFailHumanAccept: 1,
      eliminatorPassHumanReject: 1,
      n: 4,
      agreement: 0.5,
    });
    expect(confusion.overall.kappa).toBeCloseTo(0, 10);
    // Refusal fired only on n3: pass/accept n1 and n4, pass/reject n2, fail/reject n3 → agreement 3/4;
    // rule passes 3/4, humans accept 2/4 → expected 3/4·2/4 + 1/4·2/4 = 1/2 → κ = 0.5.
    expect(confusion.perRule.refusal).toMatchObject({
      bothPass: 2,
      bothFail: 1,
      eliminatorFailHumanAccept: 0,
      eliminatorPassHumanReject: 1,
      agreement: 0.75,
    });
    expect(confusion.perRule.refusal.kappa).toBeCloseTo(0.5, 10);
    // The duplicate rule fired on n3 alone too: the same matrix.
    expect(confusion.perRule.duplicate).toEqual(confusion.perRule.refusal);
  });

  it("re-evaluates every reviewed node when the rule changes", async () => {
    // Majority of 2: n2 is 1–1, a tie → disputed; the others are unanimous.
    const { recomputed } = await setReviewSettings({
      projectId,
      statusRule: "majority",
      majorityK: 2,
      actorId: admin.id,
    });
    expect(recomputed).toBe(4);
    expect((await getPrisma().node.findUniqueOrThrow({ where: { id: nodes.n2 } })).humanStatus).toBe("disputed");
    expect((await getPrisma().node.findUniqueOrThrow({ where: { id: nodes.n1 } })).humanStatus).toBe("accepted");
    // Majority of 3: nobody has three reviewers → unreviewed again.
    await setReviewSettings({ projectId, statusRule: "majority", majorityK: 3, actorId: admin.id });
    expect((await getPrisma().node.findUniqueOrThrow({ where: { id: nodes.n1 } })).humanStatus).toBe("unreviewed");
  });
});

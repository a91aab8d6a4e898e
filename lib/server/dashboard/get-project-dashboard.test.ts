// The dashboard of a hand-made project: every expected number is worked out by
// hand next to the data below.
import { beforeAll, describe, expect, it } from "vitest";
import { setupTestDatabase } from "@/tests/setup/test-database";

await setupTestDatabase();
const { getPrisma } = await import("@/lib/server/db/prisma");
const { uuid7 } = await import("@/lib/server/db/uuid7");
const { getProjectDashboard } = await import("./get-project-dashboard");

type Verdict = "passed" | "failed" | "pending";
type Status = "unreviewed" | "accepted" | "rejected" | "disputed";
type Op = "add_constraints" | "deepen" | "concretize" | "increase_reasoning" | "complicate_input" | "breadth";
interface Spec {
  name: string;
  parent: string | null;
  operation: Op | null;
  verdict: Verdict;
  failedRules: string[];
  status: Status;
  difficulty: number | null;
  instruction: string;
}

/** An instruction of exactly `n` words. */
const words = (n: number) => Array.from({ length: n }, (_, i) => `word${i + 1}`).join(" ");

// Seeds (round 0): 2, 4 and 3 words — runs of spaces, a line break, a tab and
// leading/trailing blanks must not count as words.
// Round 1: 4 nodes, 3 passed, refusal fired on C.
// Round 2: 5 nodes, G passed, E/F/I failed, H still pending.
const SPECS: Spec[] = [
  {
    name: "S1",
    parent: null,
    operation: null,
    verdict: "passed",
    failedRules: [],
    status: "accepted",
    difficulty: null,
    instruction: "Explain photosynthesis.",
  },
  {
    name: "S2",
    parent: null,
    operation: null,
    verdict: "passed",
    failedRules: [],
    status: "unreviewed",
    difficulty: null,
    instruction: "Describe  the\nwater cycle",
  },
  {
    name: "S3",
    parent: null,
    operation: null,
    verdict: "passed",
    failedRules: [],
    status: "unreviewed",
    difficulty: null,
    instruction: "  Name three primes.\t",
  },
  {
    name: "A",
    parent: "S1",
    operation: "add_constraints",
    verdict: "passed",
    failedRules: [],
    status: "accepted",
    difficulty: 4,
    instruction: words(5),
  },
  {
    name: "B",
    parent: "S2",
    operation: "deepen",
    verdict: "passed",
    failedRules: [],
    status: "rejected",
    difficulty: 6,
    instruction: words(7),
  },
  {
    name: "C",
    parent: "S3",
    operation: "add_constraints",
    verdict: "failed",
    failedRules: ["refusal"],
    status: "rejected",
    difficulty: null,
    instruction: words(3),
  },
  {
    name: "D",
    parent: "S1",
    operation: "breadth",
    verdict: "passed",
    failedRules: [],
    status: "unreviewed",
    difficulty: 4,
    instruction: words(9),
  },
  {
    name: "E",
    parent: "A",
    operation: "concretize",
    verdict: "failed",
    failedRules: ["no_information_gain", "copied_prompt"],
    status: "unreviewed",
    difficulty: 8,
    instruction: words(4),
  },
  {
    name: "F",
    parent: "A",
    operation: "deepen",
    verdict: "failed",
    failedRules: ["unparseable_reply"],
    status: "disputed",
    difficulty: null,
    instruction: words(2),
  },
  {
    name: "G",
    parent: "B",
    operation: "deepen",
    verdict: "passed",
    failedRules: [],
    status: "accepted",
    difficulty: 7,
    instruction: words(10),
  },
  {
    name: "H",
    parent: "D",
    operation: "complicate_input",
    verdict: "pending",
    failedRules: [],
    status: "unreviewed",
    difficulty: null,
    instruction: words(6),
  },
  {
    name: "I",
    parent: "D",
    operation: "increase_reasoning",
    verdict: "failed",
    failedRules: ["copied_prompt", "duplicate"],
    status: "rejected",
    difficulty: 8,
    instruction: words(8),
  },
];

async function insertProject(name: string, specs: Spec[]) {
  const prisma = getPrisma();
  const project = await prisma.project.create({ data: { name } });
  const ids = new Map(specs.map((s) => [s.name, uuid7()]));
  const rootOf = (s: Spec): string => (s.parent ? rootOf(specs.find((p) => p.name === s.parent)!) : ids.get(s.name)!);
  const depth = (s: Spec): number => (s.parent ? 1 + depth(specs.find((p) => p.name === s.parent)!) : 0);
  // Parents before children: the foreign keys point at rows already there.
  for (const s of [...specs].sort((a, b) => depth(a) - depth(b))) {
    const id = ids.get(s.name)!;
    await prisma.node.create({
      data: {
        id,
        projectId: project.id,
        rootId: rootOf(s),
        parentId: s.parent ? ids.get(s.parent)! : null,
        round: depth(s),
        instruction: s.instruction,
        contentHash: id,
        operation: s.operation,
        verdict: s.verdict,
        failedRules: s.failedRules,
        humanStatus: s.status,
        difficulty: s.difficulty,
      },
    });
  }
  return project.id;
}

let projectId: string;
let emptyProjectId: string;

beforeAll(async () => {
  projectId = await insertProject(`dashboard ${uuid7()}`, SPECS);
  emptyProjectId = (await getPrisma().project.create({ data: { name: `dashboard empty ${uuid7()}` } })).id;
  // Another project's nodes must not leak into either dashboard.
  await insertProject(`dashboard other ${uuid7()}`, [
    {
      name: "X",
      parent: null,
      operation: null,
      verdict: "passed",
      failedRules: [],
      status: "accepted",
      difficulty: 9,
      instruction: words(40),
    },
    {
      name: "Y",
      parent: "X",
      operation: "deepen",
      verdict: "failed",
      failedRules: ["refusal"],
      status: "rejected",
      difficulty: 10,
      instruction: words(50),
    },
  ]);
});

describe("getProjectDashboard on a hand-made project", () => {
  it("counts nodes, statuses and verdicts over the whole project", async () => {
    const d = await getProjectDashboard({ projectId });
    expect(d.totals).toEqual({ nodes: 12, seeds: 3, evolved: 9, rounds: 2 });
    // Statuses over all 12 nodes: unreviewed S2 S3 D E H, accepted S1 A G, rejected B C I, disputed F.
    expect(d.statuses).toEqual({ unreviewed: 5, accepted: 3, rejected: 3, disputed: 1 });
    // Verdicts over the 9 evolved nodes: passed A B D G, failed C E F I, pending H → 4 / (4 + 4).
    expect(d.verdicts).toEqual({ passed: 4, failed: 4, pending: 1 });
    expect(d.passRate).toBe(0.5);
    expect(d.difficultyScored).toBe(6);
    expect(d.rules).toEqual([
      "no_information_gain",
      "refusal",
      "empty_answer",
      "copied_prompt",
      "duplicate",
      "unparseable_reply",
    ]);
    expect(d.rounds.map((r) => r.round)).toEqual([0, 1, 2]);
  });

  it("describes the seeds as round 0, with no verdicts or pass rates", async () => {
    const [seeds] = (await getProjectDashboard({ projectId })).rounds;
    expect(seeds.nodes).toBe(3);
    expect(seeds.verdicts).toEqual({ passed: 0, failed: 0, pending: 0 });
    expect(seeds.statuses).toEqual({ unreviewed: 2, accepted: 1, rejected: 0, disputed: 0 });
    expect(seeds.passRate).toBeNull();
    expect(Object.values(seeds.rulePassRates)).toEqual([null, null, null, null, null, null]);
    expect(Object.values(seeds.operations).every((n) => n === 0)).toBe(true);
    // Words 2, 4, 3 → sorted 2 3 4: mean 3; p10 at position 0.2 → 2.2; p50 → 3; p90 at 1.8 → 3.8.
    expect(seeds.words?.mean).toBeCloseTo(3, 10);
    expect(seeds.words?.p10).toBeCloseTo(2.2, 10);
    expect(seeds.words?.p50).toBeCloseTo(3, 10);
    expect(seeds.words?.p90).toBeCloseTo(3.8, 10);
    expect(seeds.difficulty).toEqual({ scored: 0, mean: null, distribution: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0] });
  });

  it("computes round 1: 4 nodes, 3 passed, refusal fired on 1", async () => {
    const r1 = (await getProjectDashboard({ projectId })).rounds[1];
    expect(r1.nodes).toBe(4);
    expect(r1.verdicts).toEqual({ passed: 3, failed: 1, pending: 0 });
    expect(r1.statuses).toEqual({ unreviewed: 1, accepted: 1, rejected: 2, disputed: 0 });
    expect(r1.passRate).toBe(0.75);
    expect(r1.ruleFired).toEqual({
      no_information_gain: 0,
      refusal: 1,
      empty_answer: 0,
      copied_prompt: 0,
      duplicate: 0,
      unparseable_reply: 0,
    });
    expect(r1.rulePassRates).toEqual({
      no_information_gain: 1,
      refusal: 0.75,
      empty_answer: 1,
      copied_prompt: 1,
      duplicate: 1,
      unparseable_reply: 1,
    });
    expect(r1.operations).toEqual({
      add_constraints: 2,
      deepen: 1,
      concretize: 0,
      increase_reasoning: 0,
      complicate_input: 0,
      breadth: 1,
    });
    // Words 5, 7, 3, 9 → sorted 3 5 7 9: mean 6; p10 at 0.3 → 3.6; p50 at 1.5 → 6; p90 at 2.7 → 8.4.
    expect(r1.words?.mean).toBeCloseTo(6, 10);
    expect(r1.words?.p10).toBeCloseTo(3.6, 10);
    expect(r1.words?.p50).toBeCloseTo(6, 10);
    expect(r1.words?.p90).toBeCloseTo(8.4, 10);
    // Difficulty 4 (A), 6 (B), 4 (D); C not scored → mean 14/3.
    expect(r1.difficulty.scored).toBe(3);
    expect(r1.difficulty.mean).toBeCloseTo(14 / 3, 10);
    expect(r1.difficulty.distribution).toEqual([0, 0, 0, 2, 0, 1, 0, 0, 0, 0]);
  });

  it("computes round 2: pending nodes count but are left out of the rates", async () => {
    const r2 = (await getProjectDashboard({ projectId })).rounds[2];
    expect(r2.nodes).toBe(5);
    expect(r2.verdicts).toEqual({ passed: 1, failed: 3, pending: 1 });
    expect(r2.statuses).toEqual({ unreviewed: 2, accepted: 1, rejected: 1, disputed: 1 });
    // Judged: E F G I → 1 of 4 passed.
    expect(r2.passRate).toBe(0.25);
    // no_information_gain on E; copied_prompt on E and I; duplicate on I; unparseable_reply on F.
    expect(r2.ruleFired).toEqual({
      no_information_gain: 1,
      refusal: 0,
      empty_answer: 0,
      copied_prompt: 2,
      duplicate: 1,
      unparseable_reply: 1,
    });
    expect(r2.rulePassRates).toEqual({
      no_information_gain: 0.75,
      refusal: 1,
      empty_answer: 1,
      copied_prompt: 0.5,
      duplicate: 0.75,
      unparseable_reply: 0.75,
    });
    expect(r2.operations).toEqual({
      add_constraints: 0,
      deepen: 2,
      concretize: 1,
      increase_reasoning: 1,
      complicate_input: 1,
      breadth: 0,
    });
    // Words 4, 2, 10, 6, 8 → sorted 2 4 6 8 10: mean 6; p10 at 0.4 → 2.8; p50 → 6; p90 at 3.6 → 9.2.
    expect(r2.words?.mean).toBeCloseTo(6, 10);
    expect(r2.words?.p10).toBeCloseTo(2.8, 10);
    expect(r2.words?.p50).toBeCloseTo(6, 10);
    expect(r2.words?.p90).toBeCloseTo(9.2, 10);
    // Difficulty 8 (E), 7 (G), 8 (I) → mean 23/3.
    expect(r2.difficulty.scored).toBe(3);
    expect(r2.difficulty.mean).toBeCloseTo(23 / 3, 10);
    expect(r2.difficulty.distribution).toEqual([0, 0, 0, 0, 0, 0, 1, 2, 0, 0]);
  });

  it("sums each operation over the rounds, in the operations' own order", async () => {
    const { operations } = await getProjectDashboard({ projectId });
    expect(
      operations.map((o) => [o.operation, o.nodes, o.verdicts.passed, o.verdicts.failed, o.verdicts.pending]),
    ).toEqual([
      ["add_constraints", 2, 1, 1, 0], // A passed, C failed
      ["deepen", 3, 2, 1, 0], // B, G passed; F failed
      ["concretize", 1, 0, 1, 0], // E
      ["increase_reasoning", 1, 0, 1, 0], // I
      ["complicate_input", 1, 0, 0, 1], // H, pending
      ["breadth", 1, 1, 0, 0], // D
    ]);
    expect(operations.map((o) => o.passRate)).toEqual([0.5, 2 / 3, 0, 0, null, 1]);
    // deepen: B rejected, F disputed, G accepted.
    expect(operations[1].statuses).toEqual({ unreviewed: 0, accepted: 1, rejected: 1, disputed: 1 });
  });
});

describe("getProjectDashboard on a project without nodes", () => {
  it("returns zeros and no rounds", async () => {
    const d = await getProjectDashboard({ projectId: emptyProjectId });
    expect(d.totals).toEqual({ nodes: 0, seeds: 0, evolved: 0, rounds: 0 });
    expect(d.statuses).toEqual({ unreviewed: 0, accepted: 0, rejected: 0, disputed: 0 });
    expect(d.verdicts).toEqual({ passed: 0, failed: 0, pending: 0 });
    expect(d.passRate).toBeNull();
    expect(d.difficultyScored).toBe(0);
    expect(d.rounds).toEqual([]);
    expect(d.operations).toEqual([]);
  });
});

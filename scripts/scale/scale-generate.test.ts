import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { RULES } from "@/lib/evolution/eliminator";
import { OPERATIONS } from "@/lib/evolution/operations";
import { runConfigSchema } from "@/lib/server/runs/run-config";
import { generateScale, type GenerateScaleOptions } from "./scale-generate";
import { planScale, scaleRunConfig, scaleTimeline } from "./scale-plan";
import { REASON_TAGS } from "./scale-reviews";
import type { CallRow, NodeRow, ReviewRow, ScaleBatch, StepRow } from "./scale-types";
import { SKILLS } from "./scale-vocabulary";

const RUN_ID = "01900000-0000-7000-8000-000000000001";
const NOW = Date.UTC(2026, 0, 15, 12);
const OPTIONS: GenerateScaleOptions = {
  nodes: 6_000,
  seed: "test",
  runId: RUN_ID,
  annotatorIds: ["a1", "a2", "a3", "a4"],
  now: NOW,
  batchSize: 1_000,
};

function collect(options: GenerateScaleOptions) {
  const batches: ScaleBatch[] = [...generateScale(options)];
  const of = (kind: ScaleBatch["kind"]): unknown[] =>
    batches.filter((b) => b.kind === kind).flatMap((b): unknown[] => b.rows);
  return {
    batches,
    nodes: of("nodes") as NodeRow[],
    steps: of("steps") as StepRow[],
    reviews: of("reviews") as ReviewRow[],
    calls: of("calls") as CallRow[],
  };
}

const digest = (value: unknown) => createHash("sha256").update(JSON.stringify(value)).digest("hex");
const forest = collect(OPTIONS);
const plan = planScale(OPTIONS.nodes);
const byId = new Map(forest.nodes.map((n) => [n.id, n]));
const evolved = forest.nodes.filter((n) => n.parentId !== null);

describe("planScale", () => {
  it("makes 250,000 nodes from about 52,000 seeds, exactly", () => {
    const p = planScale(250_000);
    expect(p.seeds).toBeGreaterThan(51_900);
    expect(p.seeds).toBeLessThan(52_300);
    expect(p.seeds + p.evolutions).toBe(250_000);
  });

  it.each([1, 2, 5, 9, 10, 99, 1_000, 123_457, 2_000_000])("adds up for %i nodes", (nodes) => {
    const p = planScale(nodes);
    expect(p.seeds + p.evolutions).toBe(nodes);
    expect(p.runSeeds).toBeLessThanOrEqual(p.seeds);
    expect(p.evolutions).toBe(p.runSeeds * 4);
  });

  it("stores a run config the engine accepts", () => {
    const config = runConfigSchema.parse(scaleRunConfig(plan));
    expect(config).toMatchObject({ seedCount: plan.runSeeds, branching: 1, endpoint: "simulator" });
    expect(Object.values(config.weights)).toEqual(OPERATIONS.map(() => 1 / 6));
    expect(Object.values(config.rules).every(Boolean)).toBe(true);
  });
});

describe("generateScale", () => {
  it("yields the planned number of rows in batches of at most the batch size", () => {
    expect(forest.nodes).toHaveLength(OPTIONS.nodes);
    expect(forest.nodes.filter((n) => n.parentId === null)).toHaveLength(plan.seeds);
    expect(forest.steps).toHaveLength(plan.evolutions);
    expect(new Set(forest.nodes.map((n) => n.id)).size).toBe(OPTIONS.nodes);
    expect(forest.batches.every((b) => b.rows.length <= 1_000)).toBe(true);
  });

  it("emits every row after the rows it refers to, parents in the same tree one round up", () => {
    const seen = new Set<string>();
    for (const batch of forest.batches) {
      if (batch.kind === "nodes") {
        for (const node of batch.rows) {
          if (node.parentId === null) {
            expect(node.rootId).toBe(node.id);
            expect(node.round).toBe(0);
          } else {
            expect(seen.has(node.parentId)).toBe(true);
            const parent = byId.get(node.parentId)!;
            expect(parent.rootId).toBe(node.rootId);
            expect(node.round).toBe(parent.round + 1);
            expect(node.createdAt).toBeGreaterThan(parent.createdAt);
          }
          seen.add(node.id);
        }
      } else {
        for (const row of batch.rows) {
          const refs = "childId" in row ? [row.parentId, row.childId] : [row.nodeId];
          expect(refs.every((id) => seen.has(id))).toBe(true);
        }
      }
    }
  });

  it("keeps the pool rule in every lineage: a passing child is the next parent, after a failure the parent is evolved again", () => {
    const lineages = Map.groupBy(forest.steps, (s) => s.rootId);
    expect(lineages.size).toBe(plan.runSeeds);
    for (const [rootId, steps] of lineages) {
      steps.sort((a, b) => a.round - b.round);
      expect(steps.map((s) => s.round)).toEqual([1, 2, 3, 4]);
      expect(steps[0].parentId).toBe(rootId);
      for (let i = 1; i < steps.length; i++) {
        expect(steps[i].parentId).toBe(steps[i - 1].passed ? steps[i - 1].childId : steps[i - 1].parentId);
      }
    }
  });

  it("matches each step to its child node as the engine stores them", () => {
    for (const step of forest.steps) {
      const child = byId.get(step.childId)!;
      expect(step.stepKey).toBe(`${RUN_ID}:${step.parentId}:${step.round}:0`);
      expect(child).toMatchObject({
        stepKey: step.stepKey,
        parentId: step.parentId,
        operation: step.operation,
        runId: RUN_ID,
        templateVersion: "evol-v1",
      });
      expect(step.passed).toBe(child.verdict === "passed");
      expect(step.finishedAt).toBe(child.createdAt);
      expect(step.createdAt).toBeLessThan(step.finishedAt);
    }
  });

  it("draws operations uniformly and passes about 75% of evolutions, with the eliminator's reasons", () => {
    for (const op of OPERATIONS)
      expect(evolved.filter((n) => n.operation === op).length / evolved.length).toBeCloseTo(1 / 6, 1);
    const passShare = evolved.filter((n) => n.verdict === "passed").length / evolved.length;
    expect(passShare).toBeGreaterThan(0.72);
    expect(passShare).toBeLessThan(0.78);
    for (const node of evolved) {
      const eliminator = JSON.parse(node.eliminator!);
      expect(eliminator.parseError).toBeNull();
      expect(eliminator.verdicts.map((v: { rule: string }) => v.rule)).toEqual([...RULES]);
      expect(
        eliminator.verdicts.filter((v: { failed: boolean }) => v.failed).map((v: { rule: string }) => v.rule),
      ).toEqual(node.failedRules);
      expect(node.verdict === "failed").toBe(node.failedRules.length > 0);
    }
    const failedRules = new Set(evolved.flatMap((n) => n.failedRules));
    expect([...failedRules].sort()).toEqual([...RULES].sort());
  });

  it("writes varied text: answers of 40–200-odd words, skills on seeds, difficulty on about half the evolved nodes", () => {
    const words = evolved.filter((n) => n.verdict === "passed").map((n) => n.output!.split(/\s+/).length);
    expect(Math.min(...words)).toBeGreaterThanOrEqual(40);
    expect(Math.max(...words)).toBeLessThanOrEqual(240);
    const seeds = forest.nodes.filter((n) => n.parentId === null).map((n) => JSON.parse(n.metadata));
    expect(new Set(seeds.map((m) => m.skill))).toEqual(new Set(SKILLS));
    expect(SKILLS).toHaveLength(29);
    const rated = seeds.filter((m) => m.difficulty !== undefined);
    expect(rated.length / seeds.length).toBeGreaterThan(0.3);
    expect(rated.every((m) => m.difficulty >= 1 && m.difficulty <= 10)).toBe(true);
    const scored = evolved.filter((n) => n.difficulty !== null);
    expect(scored.length / evolved.length).toBeCloseTo(0.5, 1);
    expect(scored.every((n) => n.difficulty! >= 1 && n.difficulty! <= 10)).toBe(true);
    expect(new Set(forest.nodes.map((n) => n.contentHash)).size / forest.nodes.length).toBeGreaterThan(0.9);
    expect(evolved.some((n) => n.output?.includes("```"))).toBe(true);
    expect(forest.nodes.some((n) => /[^\u0000-\u007f]/.test(n.instruction + n.input + (n.output ?? "")))).toBe(true);
  });

  it("reviews about 15% of evolved nodes, and a node's human status is its latest review", () => {
    const reviewsOf = Map.groupBy(forest.reviews, (r) => r.nodeId);
    expect(reviewsOf.size / evolved.length).toBeCloseTo(0.15, 1);
    const doubles = [...reviewsOf.values()].filter((rs) => rs.length === 2);
    expect(doubles.length / reviewsOf.size).toBeCloseTo(0.2, 1);
    expect(doubles.every(([a, b]) => a.reviewerId !== b.reviewerId && a.createdAt < b.createdAt)).toBe(true);
    expect(doubles.some(([a, b]) => a.decision !== b.decision)).toBe(true);
    const runEnd = scaleTimeline(plan, NOW).runFinishedAt;
    for (const node of forest.nodes) {
      const reviews = reviewsOf.get(node.id) ?? [];
      if (node.parentId === null) expect(reviews).toHaveLength(0);
      const latest = reviews.toSorted((a, b) => a.createdAt - b.createdAt).at(-1);
      expect(node.humanStatus).toBe(latest ? (latest.decision === "accept" ? "accepted" : "rejected") : "unreviewed");
    }
    for (const review of forest.reviews) {
      expect(review.createdAt).toBeGreaterThan(runEnd);
      expect(OPTIONS.annotatorIds).toContain(review.reviewerId);
      if (review.decision === "accept") expect(review.reasonTags).toEqual([]);
      else
        expect(
          review.reasonTags.length > 0 &&
            review.reasonTags.every((t) => (REASON_TAGS as readonly string[]).includes(t)),
        ).toBe(true);
    }
    const disagree = forest.reviews.filter(
      (r) => (byId.get(r.nodeId)!.verdict === "passed") !== (r.decision === "accept"),
    ).length;
    expect(disagree / forest.reviews.length).toBeGreaterThan(0.08);
    expect(disagree / forest.reviews.length).toBeLessThan(0.17);
  });

  it("is deterministic for a seed: same rows for the same options, same content at another time, new content for another seed", () => {
    expect(digest(collect(OPTIONS).batches)).toBe(digest(forest.batches));
    const content = (nodes: NodeRow[]) =>
      digest(nodes.map((n) => [n.instruction, n.input, n.output, n.verdict, n.humanStatus, n.operation, n.round]));
    const later = collect({ ...OPTIONS, now: NOW + 60_000 });
    expect(content(later.nodes)).toBe(content(forest.nodes));
    expect(later.nodes[0].id).not.toBe(forest.nodes[0].id);
    expect(content(collect({ ...OPTIONS, seed: "other" }).nodes)).not.toBe(content(forest.nodes));
  });

  it("with calls, records four LLM calls per evolution keyed by the step, without changing the forest", () => {
    const small = { ...OPTIONS, nodes: 500 };
    const withCalls = collect({ ...small, withCalls: true });
    const steps = withCalls.steps;
    expect(withCalls.calls).toHaveLength(steps.length * 4);
    expect(new Set(withCalls.calls.map((c) => c.requestKey)).size).toBe(withCalls.calls.length);
    const keys = new Set(
      steps.flatMap((s) => ["evolve", "answer", "judge", "difficulty"].map((r) => `${s.stepKey}:${r}`)),
    );
    expect(withCalls.calls.every((c) => keys.has(c.requestKey))).toBe(true);
    expect(digest(withCalls.nodes)).toBe(digest(collect(small).nodes));
  });
});

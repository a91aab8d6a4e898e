import { describe, expect, it } from "vitest";
import { bucketOf, NO_SKILL, skillOf, type DifficultyBucket } from "./difficulty-buckets";
import { spreadOverSkills, stratifiedSample, type Candidate } from "./stratified-sample";

/** `count` candidates of one bucket and skill, with ids that say where they come from. */
function make(bucket: DifficultyBucket, skill: string, count: number): Candidate[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `${bucket}-${skill}-${String(i).padStart(3, "0")}`,
    bucket,
    skill,
  }));
}

const none = { easy: 0, medium: 0, hard: 0 };

function drawnBy(sample: ReturnType<typeof stratifiedSample>, bucket: DifficultyBucket) {
  const b = sample.report.buckets.find((x) => x.bucket === bucket)!;
  return Object.fromEntries(b.skills.map((s) => [s.skill, s.drawn]));
}

describe("difficulty buckets", () => {
  it("covers the 1–10 scale without gaps or overlaps", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map(bucketOf)).toEqual([
      "easy",
      "easy",
      "easy",
      "medium",
      "medium",
      "medium",
      "hard",
      "hard",
      "hard",
      "hard",
    ]);
    expect(bucketOf(0)).toBeNull();
    expect(bucketOf(11)).toBeNull();
  });

  it("names a missing or blank skill (no skill)", () => {
    expect(skillOf(null)).toBe(NO_SKILL);
    expect(skillOf("  ")).toBe(NO_SKILL);
    expect(skillOf("math")).toBe("math");
  });
});

describe("spreadOverSkills", () => {
  it("gives equal shares, and a skill that runs out hands its share to the others", () => {
    const available = new Map([
      ["a", 1],
      ["b", 10],
      ["c", 10],
    ]);
    expect(Object.fromEntries(spreadOverSkills(available, 9, ["a", "b", "c"]))).toEqual({ a: 1, b: 4, c: 4 });
    expect(Object.fromEntries(spreadOverSkills(available, 10, ["a", "b", "c"]))).toEqual({ a: 1, b: 5, c: 4 });
    expect(Object.fromEntries(spreadOverSkills(available, 10, ["c", "b", "a"]))).toEqual({ a: 1, b: 4, c: 5 });
  });

  it("takes everything when more is asked than there is", () => {
    const available = new Map([
      ["a", 2],
      ["b", 3],
    ]);
    expect(Object.fromEntries(spreadOverSkills(available, 50, ["a", "b"]))).toEqual({ a: 2, b: 3 });
  });
});

describe("stratifiedSample", () => {
  const candidates = [
    ...make("easy", "math", 10),
    ...make("easy", "writing", 10),
    ...make("easy", NO_SKILL, 10),
    ...make("medium", "math", 2),
    ...make("medium", "writing", 20),
    ...make("hard", "math", 3),
  ];

  it("draws the asked size per bucket, evenly over skills, shortfall redistributed", () => {
    const sample = stratifiedSample({ candidates, sizes: { easy: 9, medium: 10, hard: 0 }, seed: "s" });
    expect(drawnBy(sample, "easy")).toEqual({ math: 3, writing: 3, [NO_SKILL]: 3 });
    // math has only 2 medium nodes: writing takes the rest.
    expect(drawnBy(sample, "medium")).toEqual({ math: 2, writing: 8 });
    expect(drawnBy(sample, "hard")).toEqual({ math: 0 });
    expect(sample.nodeIds).toHaveLength(19);
    expect(new Set(sample.nodeIds).size).toBe(19);
    const medium = sample.report.buckets.find((b) => b.bucket === "medium")!;
    expect(medium).toMatchObject({ requested: 10, available: 22, drawn: 10, shortfall: 0 });
  });

  it("reports a shortfall when a bucket holds fewer nodes than asked", () => {
    const sample = stratifiedSample({ candidates, sizes: { easy: 0, medium: 0, hard: 5 }, seed: "s" });
    const hard = sample.report.buckets.find((b) => b.bucket === "hard")!;
    expect(hard).toMatchObject({ requested: 5, available: 3, drawn: 3, shortfall: 2 });
    expect(sample.nodeIds.sort()).toEqual(make("hard", "math", 3).map((c) => c.id));
  });

  it("with one skill only, draws from it alone", () => {
    const sample = stratifiedSample({ candidates: make("easy", "math", 8), sizes: { ...none, easy: 5 }, seed: "x" });
    expect(drawnBy(sample, "easy")).toEqual({ math: 5 });
    expect(sample.nodeIds.every((id) => id.startsWith("easy-math-"))).toBe(true);
  });

  it("draws nothing for zero sizes, and reports empty buckets", () => {
    const sample = stratifiedSample({ candidates, sizes: none, seed: "s" });
    expect(sample.nodeIds).toEqual([]);
    expect(sample.report.buckets.map((b) => [b.bucket, b.requested, b.drawn, b.shortfall])).toEqual([
      ["easy", 0, 0, 0],
      ["medium", 0, 0, 0],
      ["hard", 0, 0, 0],
    ]);
    const empty = stratifiedSample({ candidates: [], sizes: { easy: 4, medium: 0, hard: 0 }, seed: "s" });
    expect(empty.report.buckets[0]).toMatchObject({ available: 0, drawn: 0, shortfall: 4, skills: [] });
  });

  it("is deterministic for a seed whatever the candidates' order, and another seed draws others", () => {
    const sizes = { easy: 7, medium: 5, hard: 2 };
    const a = stratifiedSample({ candidates, sizes, seed: "seed-1" });
    const b = stratifiedSample({ candidates: [...candidates].reverse(), sizes, seed: "seed-1" });
    const c = stratifiedSample({ candidates, sizes, seed: "seed-2" });
    expect(b.nodeIds).toEqual(a.nodeIds);
    expect(c.nodeIds).not.toEqual(a.nodeIds);
    expect(c.nodeIds).toHaveLength(a.nodeIds.length);
  });

  it("spreads the odd picks: 7 over three equal skills is 3/2/2 in some order", () => {
    const sample = stratifiedSample({ candidates, sizes: { ...none, easy: 7 }, seed: "odd" });
    expect(Object.values(drawnBy(sample, "easy")).sort()).toEqual([2, 2, 3]);
  });
});

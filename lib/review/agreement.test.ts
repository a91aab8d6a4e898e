import { describe, expect, it } from "vitest";
import { cohensKappa, pairwiseKappa } from "./agreement";

// `count` copies of the pair [a, b], to build tables cell by cell.
const cell = (a: string, b: string, count: number): Array<[string, string]> =>
  Array.from({ length: count }, () => [a, b]);

describe("cohensKappa", () => {
  it("matches the classic 2×2 example", () => {
    // 50 items. both yes 20, A yes/B no 5, A no/B yes 10, both no 15.
    // po = (20 + 15) / 50 = 0.7
    // A yes = 25 → 0.5, B yes = 30 → 0.6
    // pe = 0.5·0.6 + 0.5·0.4 = 0.3 + 0.2 = 0.5
    // kappa = (0.7 − 0.5) / (1 − 0.5) = 0.4
    const pairs = [
      ...cell("yes", "yes", 20),
      ...cell("yes", "no", 5),
      ...cell("no", "yes", 10),
      ...cell("no", "no", 15),
    ];
    const result = cohensKappa(pairs);
    expect(result.n).toBe(50);
    expect(result.observed).toBeCloseTo(0.7, 12);
    expect(result.expected).toBeCloseTo(0.5, 12);
    expect(result.kappa).toBeCloseTo(0.4, 12);
  });

  it("is 1 on perfect agreement", () => {
    // 3 accept/accept, 2 reject/reject: po = 1; pe = 0.6² + 0.4² = 0.52; kappa = 0.48 / 0.48 = 1.
    const result = cohensKappa([...cell("accept", "accept", 3), ...cell("reject", "reject", 2)]);
    expect(result.observed).toBe(1);
    expect(result.expected).toBeCloseTo(0.52, 12);
    expect(result.kappa).toBe(1);
  });

  it("is 0 when agreement is exactly at chance", () => {
    // One of each cell: po = 2/4 = 0.5; each rater says y half the time,
    // pe = 0.5·0.5 + 0.5·0.5 = 0.5; kappa = 0 / 0.5 = 0.
    const result = cohensKappa([
      ["y", "y"],
      ["y", "n"],
      ["n", "y"],
      ["n", "n"],
    ]);
    expect(result.observed).toBe(0.5);
    expect(result.expected).toBe(0.5);
    expect(result.kappa).toBe(0);
  });

  it("is negative when raters agree less than chance", () => {
    // 10 items. both y 2, A y/B n 4, A n/B y 3, both n 1.
    // po = (2 + 1) / 10 = 0.3; A y = 6 → 0.6, B y = 5 → 0.5
    // pe = 0.6·0.5 + 0.4·0.5 = 0.5; kappa = (0.3 − 0.5) / 0.5 = −0.4
    const pairs = [...cell("y", "y", 2), ...cell("y", "n", 4), ...cell("n", "y", 3), ...cell("n", "n", 1)];
    const result = cohensKappa(pairs);
    expect(result.observed).toBeCloseTo(0.3, 12);
    expect(result.expected).toBeCloseTo(0.5, 12);
    expect(result.kappa).toBeCloseTo(-0.4, 12);
  });

  it("is −1 when two raters always disagree on a balanced split", () => {
    // po = 0; pe = 0.5·0.5 + 0.5·0.5 = 0.5; kappa = −0.5 / 0.5 = −1.
    expect(
      cohensKappa([
        ["y", "n"],
        ["n", "y"],
      ]).kappa,
    ).toBe(-1);
  });

  it("handles three labels", () => {
    // Rows A, columns B:      a  b  c
    //                     a [ 3, 1, 0 ]   A: a 4, b 3, c 3
    //                     b [ 0, 2, 1 ]   B: a 4, b 3, c 3
    //                     c [ 1, 0, 2 ]
    // po = (3 + 2 + 2) / 10 = 0.7
    // pe = (4·4 + 3·3 + 3·3) / 100 = 34 / 100 = 0.34
    // kappa = (0.7 − 0.34) / (1 − 0.34) = 0.36 / 0.66 = 6/11 ≈ 0.5454
    const pairs = [
      ...cell("a", "a", 3),
      ...cell("a", "b", 1),
      ...cell("b", "b", 2),
      ...cell("b", "c", 1),
      ...cell("c", "a", 1),
      ...cell("c", "c", 2),
    ];
    const result = cohensKappa(pairs);
    expect(result.observed).toBeCloseTo(0.7, 12);
    expect(result.expected).toBeCloseTo(0.34, 12);
    expect(result.kappa).toBeCloseTo(6 / 11, 12);
  });

  it("is null without items", () => {
    expect(cohensKappa([])).toEqual({ kappa: null, observed: 0, expected: 0, n: 0 });
  });

  it("is null when chance agreement is 1 (both raters used one and the same label)", () => {
    // po = 1, pe = 1·1 = 1 → kappa = 0 / 0, undefined.
    expect(cohensKappa(cell("accept", "accept", 4))).toEqual({ kappa: null, observed: 1, expected: 1, n: 4 });
  });

  it("is 0, not undefined, when each rater used a single but different label", () => {
    // A always y, B always n: po = 0, pe = 1·0 + 0·1 = 0 → kappa = 0 / 1 = 0.
    expect(cohensKappa(cell("y", "n", 3)).kappa).toBe(0);
  });
});

describe("pairwiseKappa", () => {
  // r1 rejects n1 then changes to accept; only the later decision counts.
  const decisions = [
    { nodeId: "n1", reviewerId: "r1", decision: "reject" },
    { nodeId: "n1", reviewerId: "r1", decision: "accept" },
    { nodeId: "n2", reviewerId: "r1", decision: "accept" },
    { nodeId: "n3", reviewerId: "r1", decision: "reject" },
    { nodeId: "n4", reviewerId: "r1", decision: "reject" },
    { nodeId: "n1", reviewerId: "r2", decision: "accept" },
    { nodeId: "n2", reviewerId: "r2", decision: "reject" },
    { nodeId: "n3", reviewerId: "r2", decision: "reject" },
    { nodeId: "n5", reviewerId: "r2", decision: "accept" },
    { nodeId: "n4", reviewerId: "r3", decision: "reject" },
    { nodeId: "n6", reviewerId: "r3", decision: "accept" },
  ];

  it("compares every pair of reviewers over the nodes both decided", () => {
    // r1–r2 share n1, n2, n3: (acc, acc), (acc, rej), (rej, rej).
    //   po = 2/3; r1 acc 2 rej 1; r2 acc 1 rej 2
    //   pe = (2·1 + 1·2) / 9 = 4/9; kappa = (2/3 − 4/9) / (1 − 4/9) = (2/9) / (5/9) = 0.4
    // r1–r3 share n4 only: (rej, rej) → pe = 1 → null.
    // r2–r3 share nothing → n = 0, null.
    const result = pairwiseKappa(decisions);
    expect(result).toHaveLength(3);
    expect(result.map(({ a, b, n }) => [a, b, n])).toEqual([
      ["r1", "r2", 3],
      ["r1", "r3", 1],
      ["r2", "r3", 0],
    ]);
    expect(result[0].kappa).toBeCloseTo(0.4, 12);
    expect(result[1].kappa).toBeNull();
    expect(result[2].kappa).toBeNull();
  });

  it("does not depend on the order reviewers first appear", () => {
    // r2 and r3 listed before r1; r1's own entries keep their chronological order.
    expect(pairwiseKappa([...decisions.slice(5), ...decisions.slice(0, 5)])).toEqual(pairwiseKappa(decisions));
  });

  it("is empty with fewer than two reviewers", () => {
    expect(pairwiseKappa([])).toEqual([]);
    expect(pairwiseKappa([{ nodeId: "n1", reviewerId: "r1", decision: "accept" }])).toEqual([]);
  });
});

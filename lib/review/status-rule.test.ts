import { describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import {
  needsSecondReview,
  overlapPoint,
  resolveHumanStatus,
  type Decision,
  type ReviewDecision,
  type StatusRule,
} from "./status-rule";

// Minute `m` of a fixed day, so the tests read as a timeline.
const at = (m: number) => new Date(Date.UTC(2025, 0, 1, 0, m));
const annotator = (reviewerId: string, decision: Decision, m: number): ReviewDecision => ({
  reviewerId,
  role: "annotator",
  decision,
  at: at(m),
});
const admin = (reviewerId: string, decision: Decision, m: number): ReviewDecision => ({
  reviewerId,
  role: "admin",
  decision,
  at: at(m),
});

const ADMIN_WORD: StatusRule = { kind: "admin_word" };
const majority = (k: number): StatusRule => ({ kind: "majority", k });

describe("resolveHumanStatus", () => {
  it("is unreviewed without decisions, under either rule", () => {
    expect(resolveHumanStatus([], ADMIN_WORD)).toBe("unreviewed");
    expect(resolveHumanStatus([], majority(1))).toBe("unreviewed");
  });

  describe("admin_word", () => {
    it("lets a single annotator's word stand", () => {
      expect(resolveHumanStatus([annotator("ann", "accept", 1)], ADMIN_WORD)).toBe("accepted");
    });
    it("uses the latest decision by time, not by array order", () => {
      // ann rejected at minute 5 after accepting at minute 1; the array lists the later one first.
      const decisions = [annotator("ann", "reject", 5), annotator("ann", "accept", 1)];
      expect(resolveHumanStatus(decisions, ADMIN_WORD)).toBe("rejected");
    });
    it("without an admin, the latest decision of anyone wins", () => {
      expect(resolveHumanStatus([annotator("a1", "accept", 1), annotator("a2", "reject", 2)], ADMIN_WORD)).toBe(
        "rejected",
      );
      expect(resolveHumanStatus([annotator("a1", "accept", 3), annotator("a2", "reject", 2)], ADMIN_WORD)).toBe(
        "accepted",
      );
    });
    it("lets an admin win over annotators who spoke after them", () => {
      const decisions = [admin("boss", "reject", 1), annotator("a1", "accept", 2), annotator("a2", "accept", 3)];
      expect(resolveHumanStatus(decisions, ADMIN_WORD)).toBe("rejected");
    });
    it("between two admins, the later one wins", () => {
      expect(resolveHumanStatus([admin("x", "reject", 1), admin("y", "accept", 2)], ADMIN_WORD)).toBe("accepted");
    });
    it("on equal timestamps, the later entry wins", () => {
      expect(resolveHumanStatus([annotator("ann", "accept", 1), annotator("ann", "reject", 1)], ADMIN_WORD)).toBe(
        "rejected",
      );
    });
  });

  describe("majority(k)", () => {
    it("stays unreviewed until k reviewers decided", () => {
      expect(resolveHumanStatus([annotator("a1", "accept", 1)], majority(2))).toBe("unreviewed");
      // Two reviewers, k = 3: still not enough, even though they agree.
      expect(resolveHumanStatus([annotator("a1", "accept", 1), annotator("a2", "accept", 2)], majority(3))).toBe(
        "unreviewed",
      );
    });
    it("does not count a reviewer who decided twice as two reviewers", () => {
      // a1 accepts twice: one reviewer, so k = 2 is not reached.
      expect(resolveHumanStatus([annotator("a1", "accept", 1), annotator("a1", "accept", 2)], majority(2))).toBe(
        "unreviewed",
      );
    });
    it("takes the majority once k is reached", () => {
      expect(resolveHumanStatus([annotator("a1", "accept", 1), annotator("a2", "accept", 2)], majority(2))).toBe(
        "accepted",
      );
      // 3 reviewers: 1 accept vs 2 rejects → rejected.
      const three = [annotator("a1", "accept", 1), annotator("a2", "reject", 2), annotator("a3", "reject", 3)];
      expect(resolveHumanStatus(three, majority(2))).toBe("rejected");
    });
    it("counts only each reviewer's latest decision", () => {
      // a1: reject (m1) then accept (m4); a2: accept; a3: reject → latest 2 accepts vs 1 reject.
      const decisions = [
        annotator("a1", "reject", 1),
        annotator("a2", "accept", 2),
        annotator("a3", "reject", 3),
        annotator("a1", "accept", 4),
      ];
      expect(resolveHumanStatus(decisions, majority(3))).toBe("accepted");
    });
    it("is disputed on a tie among at least k reviewers", () => {
      expect(resolveHumanStatus([annotator("a1", "accept", 1), annotator("a2", "reject", 2)], majority(2))).toBe(
        "disputed",
      );
      // 4 reviewers with k = 3: 2 vs 2.
      const four = [
        annotator("a1", "accept", 1),
        annotator("a2", "reject", 2),
        annotator("a3", "accept", 3),
        annotator("a4", "reject", 4),
      ];
      expect(resolveHumanStatus(four, majority(3))).toBe("disputed");
    });
    it("lets a tie that is still below k stay unreviewed", () => {
      expect(resolveHumanStatus([annotator("a1", "accept", 1), annotator("a2", "reject", 2)], majority(3))).toBe(
        "unreviewed",
      );
    });
    it("lets an admin decide alone before k is reached", () => {
      expect(resolveHumanStatus([admin("boss", "reject", 1)], majority(3))).toBe("rejected");
    });
    it("lets an admin override a majority and settle a dispute", () => {
      const outvoted = [annotator("a1", "accept", 1), annotator("a2", "accept", 2), admin("boss", "reject", 3)];
      expect(resolveHumanStatus(outvoted, majority(2))).toBe("rejected");
      const tie = [annotator("a1", "accept", 1), annotator("a2", "reject", 2), admin("boss", "accept", 3)];
      expect(resolveHumanStatus(tie, majority(2))).toBe("accepted");
    });
    it("with k = 1 behaves like one annotator's word", () => {
      expect(resolveHumanStatus([annotator("a1", "reject", 1)], majority(1))).toBe("rejected");
    });
    it("rejects a k that is not a positive integer", () => {
      expect(() => resolveHumanStatus([], majority(0))).toThrow(RangeError);
      expect(() => resolveHumanStatus([], majority(1.5))).toThrow(RangeError);
      expect(() => resolveHumanStatus([], majority(Number.NaN))).toThrow(RangeError);
    });
  });
});

describe("needsSecondReview", () => {
  const ids = Array.from({ length: 10_000 }, () => randomUUID());
  const share = (overlap: number) => ids.filter((id) => needsSecondReview(id, overlap)).length / ids.length;
  const withTail = (tail: string) => `0190a1b2-c3d4-7e5f-8a6b-7c8d${tail}`;

  it.each([0.05, 0.1, 0.25, 0.5, 0.9])("picks about %f of 10,000 random UUIDs (±2%%)", (overlap) => {
    expect(Math.abs(share(overlap) - overlap)).toBeLessThanOrEqual(0.02);
  });
  it("picks none at 0 and all at 1", () => {
    expect(share(0)).toBe(0);
    expect(share(1)).toBe(1);
  });
  it("places a node by the last 32 bits of its id", () => {
    // 0x40000000 / 2^32 = 0.25 exactly; the draw picks when strictly below the share.
    expect(overlapPoint(withTail("40000000"))).toBe(0.25);
    expect(needsSecondReview(withTail("40000000"), 0.25)).toBe(false);
    expect(needsSecondReview(withTail("40000000"), 0.26)).toBe(true);
    expect(needsSecondReview(withTail("00000000"), 0.0001)).toBe(true);
    expect(needsSecondReview(withTail("FFFFFFFF"), 0.9999)).toBe(false);
    expect(needsSecondReview(withTail("ffffffff"), 1)).toBe(true);
  });
  it("only adds nodes when the share grows", () => {
    const atLow = ids.filter((id) => needsSecondReview(id, 0.2));
    expect(atLow.every((id) => needsSecondReview(id, 0.5))).toBe(true);
  });
  it("rejects shares outside 0..1 and ids that are not UUIDs", () => {
    const id = withTail("00000000");
    expect(() => needsSecondReview(id, -0.1)).toThrow(RangeError);
    expect(() => needsSecondReview(id, 1.1)).toThrow(RangeError);
    expect(() => needsSecondReview(id, Number.NaN)).toThrow(RangeError);
    expect(() => needsSecondReview("node-1", 0.5)).toThrow(RangeError);
  });
});

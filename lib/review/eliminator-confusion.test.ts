import { describe, expect, it } from "vitest";
import { cohensKappa, eliminatorConfusion, type ConfusionRow } from "./agreement";

const RULES = ["refusal", "empty_answer", "copied_prompt"] as const;
const row = (eliminatorPassed: boolean, failedRules: string[], human: ConfusionRow["human"]): ConfusionRow => ({
  eliminatorPassed,
  failedRules,
  human,
});

// Ten reviewed nodes, numbered as in the comments below.
const ROWS: ConfusionRow[] = [
  row(true, [], "accepted"), //                                  1
  row(true, [], "accepted"), //                                  2
  row(true, [], "accepted"), //                                  3
  row(true, [], "rejected"), //                                  4
  row(false, ["refusal", "no_information_gain"], "rejected"), // 5 (a rule not in RULES: ignored per rule)
  row(false, ["refusal"], "rejected"), //                        6
  row(false, ["refusal", "empty_answer"], "rejected"), //        7
  row(false, ["empty_answer"], "accepted"), //                   8
  row(false, ["refusal"], "accepted"), //                        9
  row(true, [], "rejected"), //                                 10
];

describe("eliminatorConfusion", () => {
  const { overall, perRule } = eliminatorConfusion(ROWS, RULES);

  it("tabulates the eliminator's overall verdict against the humans", () => {
    // Eliminator passed 1, 2, 3, 4, 10: accepted 1, 2, 3 → bothPass 3; rejected 4, 10 → 2.
    // Eliminator failed 5–9: rejected 5, 6, 7 → bothFail 3; accepted 8, 9 → 2.
    // agreement = (3 + 3) / 10 = 0.6
    // eliminator pass 5/10, human accept 5/10 → pe = 0.5·0.5 + 0.5·0.5 = 0.5
    // kappa = (0.6 − 0.5) / (1 − 0.5) = 0.2
    expect(overall).toMatchObject({
      bothPass: 3,
      bothFail: 3,
      eliminatorFailHumanAccept: 2,
      eliminatorPassHumanReject: 2,
      n: 10,
    });
    expect(overall.agreement).toBeCloseTo(0.6, 12);
    expect(overall.kappa).toBeCloseTo(0.2, 12);
  });

  it("lists exactly the given rules, each over all reviewed nodes", () => {
    expect(Object.keys(perRule).sort()).toEqual([...RULES].sort());
    for (const rule of RULES) expect(perRule[rule].n).toBe(10);
  });

  it("treats a rule firing as the eliminator failing the node", () => {
    // refusal fired on 5, 6, 7, 9: rejected 5, 6, 7 → bothFail 3; accepted 9 → 1.
    // Did not fire on 1, 2, 3, 4, 8, 10: accepted 1, 2, 3, 8 → bothPass 4; rejected 4, 10 → 2.
    // agreement = (4 + 3) / 10 = 0.7
    // rule silent 6/10, human accept 5/10 → pe = 0.6·0.5 + 0.4·0.5 = 0.5
    // kappa = (0.7 − 0.5) / 0.5 = 0.4
    expect(perRule.refusal).toMatchObject({
      bothPass: 4,
      bothFail: 3,
      eliminatorFailHumanAccept: 1,
      eliminatorPassHumanReject: 2,
    });
    expect(perRule.refusal.agreement).toBeCloseTo(0.7, 12);
    expect(perRule.refusal.kappa).toBeCloseTo(0.4, 12);
  });

  it("counts nodes rejected for other reasons against a rule that stayed silent", () => {
    // empty_answer fired on 7 (rejected) and 8 (accepted) → bothFail 1, eliminatorFailHumanAccept 1.
    // Silent on the other 8: accepted 1, 2, 3, 9 → bothPass 4; rejected 4, 5, 6, 10 → 4.
    // agreement = (4 + 1) / 10 = 0.5
    // rule silent 8/10, human accept 5/10 → pe = 0.8·0.5 + 0.2·0.5 = 0.5 → kappa = 0
    expect(perRule.empty_answer).toMatchObject({
      bothPass: 4,
      bothFail: 1,
      eliminatorFailHumanAccept: 1,
      eliminatorPassHumanReject: 4,
    });
    expect(perRule.empty_answer.agreement).toBeCloseTo(0.5, 12);
    expect(perRule.empty_answer.kappa).toBeCloseTo(0, 12);
  });

  it("keeps a rule that never fired", () => {
    // copied_prompt silent on all 10: accepted 5 → bothPass 5; rejected 5 → 5.
    // agreement = 0.5; pe = 1·0.5 + 0·0.5 = 0.5 → kappa = 0
    expect(perRule.copied_prompt).toMatchObject({
      bothPass: 5,
      bothFail: 0,
      eliminatorFailHumanAccept: 0,
      eliminatorPassHumanReject: 5,
    });
    expect(perRule.copied_prompt.agreement).toBe(0.5);
    expect(perRule.copied_prompt.kappa).toBe(0);
  });

  it("agrees with cohensKappa on the same verdicts", () => {
    const pairs = ROWS.map((r): [string, string] => [
      r.eliminatorPassed ? "pass" : "fail",
      r.human === "accepted" ? "pass" : "fail",
    ]);
    expect(overall.kappa).toBeCloseTo(cohensKappa(pairs).kappa ?? Number.NaN, 12);
  });

  it("gives null agreement and kappa without rows", () => {
    const empty = eliminatorConfusion([], RULES);
    const zero = {
      bothPass: 0,
      bothFail: 0,
      eliminatorFailHumanAccept: 0,
      eliminatorPassHumanReject: 0,
      n: 0,
      agreement: null,
      kappa: null,
    };
    expect(empty.overall).toEqual(zero);
    expect(empty.perRule.refusal).toEqual(zero);
  });

  it("gives null kappa when every node is in one diagonal cell", () => {
    // All bothPass: agreement 1, pe = 1·1 = 1 → kappa undefined.
    const { overall: allPass } = eliminatorConfusion([row(true, [], "accepted"), row(true, [], "accepted")], RULES);
    expect(allPass).toMatchObject({ bothPass: 2, n: 2, agreement: 1, kappa: null });
  });
});

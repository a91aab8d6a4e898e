import { describe, expect, it } from "vitest";
import { DEFAULT_DUPLICATE_THRESHOLD } from "@/lib/evolution/duplicate-threshold";
import { duplicateThresholdOf, enabledRules, parseRunConfig } from "./run-config";
import { duplicateRuleOf } from "./judge-duplicate";

// A config as runs stored it before the duplicate rule existed.
const OLD_CONFIG = {
  name: "old run",
  seedQuery: "",
  seedLimit: null,
  seedCount: 3,
  branching: 1,
  weights: { add_constraints: 1, deepen: 1, concretize: 1, increase_reasoning: 1, complicate_input: 1, breadth: 1 },
  rules: { no_information_gain: true, refusal: false, empty_answer: true, copied_prompt: true },
  scoreDifficulty: false,
  endpoint: "simulator",
  endpointLabel: "Simulator",
  llm: Object.fromEntries(
    ["evolve", "answer", "judge", "difficulty"].map((r) => [
      r,
      { model: "m", temperature: 0, topP: 1, maxTokens: 100 },
    ]),
  ),
};

describe("run configs and the duplicate rule", () => {
  it("reads a run started before the rule as having it off, its other rules as they were", () => {
    const config = parseRunConfig(OLD_CONFIG);
    expect(enabledRules(config)).toEqual({
      no_information_gain: true,
      refusal: false,
      empty_answer: true,
      copied_prompt: true,
      duplicate: false,
    });
    expect(duplicateRuleOf(config)).toBeNull();
  });

  it("reads a new run's switch and threshold, the default threshold when none was stored", () => {
    const config = parseRunConfig({
      ...OLD_CONFIG,
      rules: { ...OLD_CONFIG.rules, duplicate: true },
      duplicateThreshold: 0.9,
    });
    expect(enabledRules(config).duplicate).toBe(true);
    expect(duplicateRuleOf(config)).toEqual({ threshold: 0.9 });
    expect(duplicateThresholdOf(parseRunConfig({ ...OLD_CONFIG }))).toBe(DEFAULT_DUPLICATE_THRESHOLD);
  });

  it("does not check a re-answer, which keeps its source's instruction on purpose", () => {
    const config = parseRunConfig({
      ...OLD_CONFIG,
      rules: { ...OLD_CONFIG.rules, duplicate: true },
      redo: { kind: "re-answer", nodeId: "n1" },
    });
    expect(duplicateRuleOf(config)).toEqual({
      notChecked: "not checked: a re-answer keeps the instruction of the node it redoes",
    });
  });
});

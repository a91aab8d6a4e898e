// One simulated evolution: the rewrite, its answer, the judge's reply and the
// eliminator's verdicts, computed by the real rules so the stored reasons are
// exactly what the engine would have recorded.
import { checkDuplicate, signatureOfText } from "@/lib/evolution/duplicate-rule";
import { evaluateRules, RULES, type RuleId, type RuleVerdict } from "@/lib/evolution/eliminator";
import type { Operation } from "@/lib/evolution/operations";
import { SCALE_DUPLICATE_THRESHOLD } from "./scale-plan";
import type { Rng } from "./scale-random";
import { answerText, evolveText, sameText, type TextNode } from "./scale-text";
import { COPIED_ECHOES, EMPTY_ANSWERS, REFUSALS } from "./scale-vocabulary";

export interface SimulatedOutcome {
  text: TextNode;
  answer: string;
  rawReply: string;
  judgeReply: string;
  passed: boolean;
  failedRules: RuleId[];
  eliminator: { verdicts: RuleVerdict[]; judgeReply: string; parseError: null };
  /** The rewrite's MinHash signature, kept by its lineage for when it is the next parent (null if not computed). */
  signature: Uint32Array | null;
  /** The parent's, for its lineage to keep when the rewrite failed (the parent is evolved again). */
  parentSignature: Uint32Array | null;
}

const ALL_RULES_ON = Object.fromEntries(RULES.map((r) => [r, true])) as Record<RuleId, boolean>;
const FAILURE_MIX: readonly (readonly [RuleId, number])[] = [
  ["no_information_gain", 0.4],
  ["duplicate", 0.05],
  ["copied_prompt", 0.2],
  ["refusal", 0.2],
  ["empty_answer", 0.15],
];

/** Which rules a failing evolution should trip: usually one, sometimes two (never both answer rules). */
function failureFor(rng: Rng): Set<RuleId> {
  const first = rng.weighted(FAILURE_MIX);
  const rules = new Set<RuleId>([first]);
  if (rng.chance(0.1)) {
    const second = rng.weighted(FAILURE_MIX.filter(([r]) => r !== first));
    const bothAnswers = rules.has("refusal")
      ? second === "empty_answer"
      : rules.has("empty_answer") && second === "refusal";
    if (!bothAnswers) rules.add(second);
  }
  return rules;
}

export function simulateEvolution(
  rng: Rng,
  operation: Operation,
  parent: TextNode & { id: string; signature: Uint32Array | null },
  failShare: number,
): SimulatedOutcome {
  const failing = rng.chance(failShare) ? failureFor(rng) : new Set<RuleId>();
  let text = failing.has("no_information_gain") ? sameText(rng, parent) : evolveText(rng, operation, parent);
  // A copy of the parent, as an evolve reply that changed nothing but case and spacing.
  if (failing.has("duplicate")) text = { ...parent, instruction: `${parent.instruction.toLowerCase()} ` };
  if (failing.has("copied_prompt")) text = { ...text, instruction: text.instruction + rng.pick(COPIED_ECHOES) };
  const answer = failing.has("refusal")
    ? rng.pick(REFUSALS)
    : failing.has("empty_answer")
      ? rng.pick(EMPTY_ANSWERS)
      : answerText(rng, text);
  const judgeReply = failing.has("no_information_gain") ? "Equal" : "Not Equal";
  // One evolution per parent and run here: the parent is the only relative to compare with.
  // The parent's signature was computed when it was the candidate (half of the generator's time was MinHash).
  const candidate = { instruction: text.instruction, input: text.input };
  const parentText = { id: parent.id, instruction: parent.instruction, input: parent.input };
  let signature: Uint32Array | null = null;
  let parentSignature = parent.signature;
  const duplicate = checkDuplicate(candidate, {
    identicalNodeId: null,
    parent: parentText,
    siblings: [],
    threshold: SCALE_DUPLICATE_THRESHOLD,
    signatureOf: (t) => {
      if (t === parentText && parentSignature) return parentSignature;
      const computed = signatureOfText(t);
      if (t === candidate) signature = computed;
      if (t === parentText) parentSignature = computed;
      return computed;
    },
  });
  const evaluation = evaluateRules({
    instruction: text.instruction,
    answer,
    judgeReply,
    enabled: ALL_RULES_ON,
    duplicate,
  });
  const preamble = rng.chance(0.15) ? (operation === "breadth" ? "#Created Prompt#:\n" : "Rewritten Prompt:\n") : "";
  return {
    text,
    answer,
    rawReply: preamble + text.instruction,
    judgeReply,
    passed: evaluation.passed,
    failedRules: evaluation.failedRules,
    eliminator: { verdicts: evaluation.verdicts, judgeReply, parseError: null },
    signature,
    parentSignature,
  };
}

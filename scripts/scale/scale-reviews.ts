// Simulated annotator decisions: mostly agreeing with the eliminator, some
// overrides, a share of nodes seen by a second annotator who may disagree.
import type { Rng } from "./scale-random";
import { uuid7At } from "./scale-random";
import type { ReviewRow } from "./scale-types";
import { NOTES } from "./scale-vocabulary";

export const REASON_TAGS = ["too_easy", "unanswerable", "off_topic", "duplicate", "unsafe", "bad_answer"] as const;
export const REVIEW_SHARE = 0.15;
export const SECOND_REVIEW_SHARE = 0.2;
/** How often a first annotator overrides the eliminator; with second opinions about 12% of all decisions disagree with it. */
export const OVERRIDE_SHARE = 0.1;
const SECOND_DISAGREES = 0.2;
const ANNOTATOR_LOAD = [0.34, 0.28, 0.22, 0.16];

const TAGS_FOR_RULE: Record<string, readonly string[]> = {
  no_information_gain: ["too_easy", "duplicate"],
  refusal: ["unanswerable", "bad_answer"],
  empty_answer: ["bad_answer"],
  copied_prompt: ["bad_answer", "off_topic"],
  duplicate: ["duplicate"],
};
const TAGS_FOR_PASSED: readonly (readonly [string, number])[] = [
  ["bad_answer", 0.3],
  ["too_easy", 0.25],
  ["off_topic", 0.2],
  ["unanswerable", 0.12],
  ["duplicate", 0.1],
  ["unsafe", 0.03],
];

function reasonTags(rng: Rng, failedRules: readonly string[]): string[] {
  const pickOne = () =>
    failedRules.length ? rng.pick(TAGS_FOR_RULE[rng.pick(failedRules)] ?? REASON_TAGS) : rng.weighted(TAGS_FOR_PASSED);
  const tags = new Set([pickOne()]);
  if (rng.chance(0.25)) tags.add(rng.pick(REASON_TAGS));
  return [...tags];
}

function pickAnnotator(rng: Rng, annotatorIds: readonly string[], not?: string): string {
  const choices = annotatorIds.filter((id) => id !== not);
  return rng.weighted(choices.map((id) => [id, ANNOTATOR_LOAD[annotatorIds.indexOf(id)] ?? 0.1] as const));
}

/**
 * Reviews of one evolved node, oldest first; none for most nodes. The
 * latest one decides the node's human status (the project's admin_word rule
 * with annotators only).
 */
export function reviewNode(options: {
  rng: Rng;
  ids: () => number;
  nodeId: string;
  passed: boolean;
  failedRules: readonly string[];
  annotatorIds: readonly string[];
  from: number;
  to: number;
}): ReviewRow[] {
  const { rng, annotatorIds, from, to } = options;
  if (annotatorIds.length === 0 || !rng.chance(REVIEW_SHARE)) return [];
  const agrees = !rng.chance(OVERRIDE_SHARE);
  const first: "accept" | "reject" = options.passed === agrees ? "accept" : "reject";
  const decisions: { decision: "accept" | "reject"; reviewerId: string; at: number }[] = [
    {
      decision: first,
      reviewerId: pickAnnotator(rng, annotatorIds),
      at: from + Math.floor(rng.next() * (to - from) * 0.9),
    },
  ];
  if (annotatorIds.length > 1 && rng.chance(SECOND_REVIEW_SHARE)) {
    const previous = decisions[0];
    const decision = rng.chance(SECOND_DISAGREES) ? (first === "accept" ? "reject" : "accept") : first;
    const at = previous.at + 1_000 + Math.floor(rng.next() * (to - previous.at - 1_000));
    decisions.push({ decision, reviewerId: pickAnnotator(rng, annotatorIds, previous.reviewerId), at });
  }
  return decisions.map((d) => ({
    id: uuid7At(d.at, options.ids),
    nodeId: options.nodeId,
    reviewerId: d.reviewerId,
    decision: d.decision,
    reasonTags: d.decision === "reject" ? reasonTags(rng, options.failedRules) : [],
    note: d.decision === "reject" && rng.chance(0.3) ? rng.pick(NOTES) : "",
    createdAt: d.at,
  }));
}

import type { RuleId } from "./eliminator";

/** Each eliminator rule's name and what it eliminates, as the run form and the pages say them. */
export const RULE_TEXT: Record<RuleId, { label: string; description: string }> = {
  no_information_gain: {
    label: "No information gain",
    description: "An LLM judge finds the new instruction Equal to the old one.",
  },
  refusal: { label: "Refusal", description: "The answer contains “sorry” and has fewer than 80 words." },
  empty_answer: { label: "Empty answer", description: "The answer is only punctuation and stop words." },
  copied_prompt: {
    label: "Copied prompt",
    description: "The new instruction repeats the evolving prompt's wording (“#Rewritten Prompt#” and kin).",
  },
  duplicate: {
    label: "Duplicate",
    description:
      "The new instruction is identical to another node of the project (ignoring case and spacing), or a near-duplicate of its parent or a sibling.",
  },
};

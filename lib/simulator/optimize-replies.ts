import type { ReadRefinePrompt } from "@/lib/evolution/refine-prompt";

// What each failure asks the rewriter to avoid, in the words the revised sentence adds.
const ADVICE: Record<string, string> = {
  no_information_gain: "really changes what the task asks",
  refusal: "stays a task a model will answer",
  empty_answer: "can be answered with substance",
  copied_prompt: "never mentions the rewriting itself",
  duplicate: "differs from tasks made before",
  unparseable_reply: "comes back as the rewritten task alone",
};
const REJECTED_ADVICE = "would satisfy a careful human reviewer";
const LEAD = " Make sure the rewrite ";

/**
 * A deterministic revision: each current sentence with one added sentence
 * naming what its failures ask to avoid (a revision of a revision replaces
 * the added sentence rather than stacking another).
 */
export function optimizeReply(operations: ReadRefinePrompt["operations"]): string {
  return operations
    .map(({ operation, current, rules, rejected }) => {
      const advice = [...rules.map((r) => ADVICE[r] ?? `passes the ${r} check`)];
      if (rejected > 0) advice.push(REJECTED_ADVICE);
      const base = current.includes(LEAD) ? current.slice(0, current.indexOf(LEAD)) : current;
      return `${operation}: ${base}${LEAD}${joinList(advice.length ? advice : [REJECTED_ADVICE])}.`;
    })
    .join("\n");
}

function joinList(items: string[]): string {
  return items.length < 2 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

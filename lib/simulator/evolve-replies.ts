import type { Operation } from "@/lib/evolution/operations";
import { createRandom } from "@/lib/evolution/random";
import { STOP_WORDS } from "@/lib/evolution/stop-words";

type InDepth = Exclude<Operation, "breadth">;

// Every in-depth clause is appended (or substituted), so the rewrite always
// differs from the original and the simulated judge says "Not Equal".
const CLAUSES: Record<Exclude<InDepth, "concretize">, readonly string[]> = {
  add_constraints: [
    " Limit your answer to 150 words and include one concrete example.",
    " Use no more than five bullet points and name one reliable source.",
    " Answer in exactly three short paragraphs and avoid technical jargon.",
  ],
  deepen: [
    " Also discuss the underlying causes and long-term implications.",
    " Also compare two competing explanations and say which one is more convincing.",
    " Also explain how the answer might change over the next decade, and why.",
  ],
  increase_reasoning: [
    " Explain your reasoning step by step before giving the final answer.",
    " Break the problem into sub-steps, justify each one, then state the conclusion.",
    " First list your assumptions, then reason through each step, then check the result.",
  ],
  complicate_input: [
    "\n\nUse the data in this table:\n\n| Item | Quantity | Unit price |\n|---|---|---|\n| A | 3 | 4.50 |\n| B | 5 | 2.25 |",
    '\n\nBase your answer on this JSON input:\n\n```json\n{"region": "north", "monthly_sales": [120, 95, 143]}\n```',
    "\n\nThe task must use the result of this query:\n\n```sql\nSELECT city, COUNT(*) AS visits FROM trips GROUP BY city;\n```",
  ],
};

const GENERIC_WORDS: ReadonlyArray<readonly [RegExp, string]> = [
  [/\bsomething\b/i, "a small bakery's weekly budget"],
  [/\ba topic\b/i, "the 1918 influenza pandemic"],
  [/\bsomeone\b/i, "a first-year nursing student"],
  [/\ba product\b/i, "a reusable steel water bottle"],
  [/\ba company\b/i, "a ten-person bicycle repair shop"],
  [/\ba person\b/i, "a retired railway engineer"],
];

const SCENARIOS = [
  " Focus on the case of a ten-person bicycle repair shop in Lyon.",
  " Use a first-year nursing student on a night shift as the running example.",
  " Ground it in the 2008 financial crisis as the concrete case.",
];

const pick = <T>(list: readonly T[], key: string): T => list[Math.floor(createRandom(key)() * list.length)];

function concretize(instruction: string): string {
  for (const [pattern, specific] of GENERIC_WORDS) {
    if (pattern.test(instruction)) return instruction.replace(pattern, specific);
  }
  return instruction + pick(SCENARIOS, instruction);
}

export function inDepthReply(operation: InDepth, instruction: string): string {
  if (operation === "concretize") return concretize(instruction);
  return instruction + pick(CLAUSES[operation], instruction);
}

function keywordsOf(instruction: string): string[] {
  const words = instruction.toLowerCase().match(/[a-z]{4,}/g) ?? [];
  return [...new Set(words.filter((w) => !STOP_WORDS.has(w)))];
}

const BREADTH_SHAPES: ReadonlyArray<(a: string, b: string) => string> = [
  (a, b) => `Describe a rarely discussed way in which ${a} affects ${b}, with one historical example.`,
  (a, b) => `Write a short guide to ${a} and ${b} for people living at a remote polar research station.`,
  (a, b) => `Design a small experiment that tests a surprising claim about ${a} and ${b}.`,
  (a, b) => `Explain how a medieval craftsman might have thought about ${a}, and contrast it with ${b} today.`,
];

/** A new task in the same domain, built from the original's keywords. */
export function breadthReply(instruction: string): string {
  const keywords = keywordsOf(instruction);
  const random = createRandom(`breadth:${instruction}`);
  const choose = (fallback: string) =>
    keywords.length === 0 ? fallback : keywords.splice(Math.floor(random() * keywords.length), 1)[0];
  const a = choose("everyday routines");
  const b = choose("local communities");
  return BREADTH_SHAPES[Math.floor(random() * BREADTH_SHAPES.length)](a, b);
}

import { createRandom } from "@/lib/evolution/random";
import { FAULT_KINDS, type FaultKind, type PromptKind } from "./types";

// Content faults only mean something for one kind of prompt.
const APPLIES_TO: Partial<Record<FaultKind, PromptKind>> = {
  refusal: "answer",
  leaked_label: "evolve",
  equal_verdict: "judge",
  copied_instruction: "evolve",
};

export function validateFaults(faults: Partial<Record<FaultKind, number>>): void {
  for (const [kind, p] of Object.entries(faults)) {
    if (!(FAULT_KINDS as readonly string[]).includes(kind)) throw new Error(`unknown fault kind "${kind}"`);
    if (typeof p !== "number" || !(p >= 0 && p <= 1))
      throw new Error(`fault ${kind} needs a probability between 0 and 1, got ${p}`);
  }
}

export interface FaultDraw {
  fault: FaultKind | null;
  /** The rest of this request's random stream (latency, status, garbage). */
  random: () => number;
}

/**
 * One uniform draw against the stacked probabilities of the faults that apply,
 * so each fault fires at its own rate (while they sum to ≤ 1). The stream is
 * seeded by the body and how often it was seen, so a retry of a failed request
 * draws anew while a rerun of the whole test sees the same sequence.
 */
export function drawFault(options: {
  seed: string;
  bodyHash: string;
  attempt: number;
  kind: PromptKind;
  faults: Partial<Record<FaultKind, number>>;
}): FaultDraw {
  const { seed, bodyHash, attempt, kind, faults } = options;
  const random = createRandom(`${seed}\u0000${bodyHash}\u0000${attempt}`);
  let u = random();
  for (const fault of FAULT_KINDS) {
    const p = faults[fault] ?? 0;
    const target = APPLIES_TO[fault];
    if (p <= 0 || (target !== undefined && target !== kind)) continue;
    if (u < p) return { fault, random };
    u -= p;
  }
  return { fault: null, random };
}

const GARBAGE_PIECES = ["<<", ">>", "%%", "~~", "##", "@@", "^^", "||", "{}", "[]", "==", "**", "&&", "::"];

/** Symbols only: no word survives, so the empty_answer rule fires on it. */
export function garbageText(random: () => number): string {
  const groups = 4 + Math.floor(random() * 5);
  return Array.from({ length: groups }, () => {
    const size = 1 + Math.floor(random() * 3);
    return Array.from({ length: size }, () => GARBAGE_PIECES[Math.floor(random() * GARBAGE_PIECES.length)]).join("");
  }).join(" ");
}

import { nearDuplicateText } from "@/lib/export/near-duplicates";
import { estimateJaccard, minHashSignature } from "@/lib/text/minhash";
import { normalizeForDuplicates } from "@/lib/text/duplicate-text";
import type { RuleVerdict } from "./eliminator";

export { DEFAULT_DUPLICATE_THRESHOLD } from "./duplicate-threshold";

export interface DuplicateText {
  id: string;
  instruction: string;
  input: string;
}

export interface DuplicateEvidence {
  /** Another node of the project with the same normalised instruction and input (found by hash), if any. */
  identicalNodeId: string | null;
  parent: DuplicateText;
  /** The parent's other children in the same run. */
  siblings: readonly DuplicateText[];
  /** Jaccard similarity (0 < t ≤ 1) of character 5-gram sets at or above which the text is a near-duplicate. */
  threshold: number;
  /**
   * A text's MinHash signature (of nearDuplicateText); by default computed here. seed:scale passes one that
   * remembers each lineage's parent's, computed when that parent was itself the candidate.
   */
  signatureOf?: (text: Omit<DuplicateText, "id">) => Uint32Array;
  /** The candidate's signature, when the caller has it already (a step computes it once for its diversity row too). */
  candidateSignature?: Uint32Array;
}

/** The MinHash signature the duplicate rule and the diversity row compare a node's text by. */
export const signatureOfText = (text: Omit<DuplicateText, "id">) => minHashSignature(nearDuplicateText(text));

const base = { rule: "duplicate", enabled: true } as const;

const sameText = (a: Omit<DuplicateText, "id">, b: Omit<DuplicateText, "id">) =>
  normalizeForDuplicates(a.instruction) === normalizeForDuplicates(b.instruction) &&
  normalizeForDuplicates(a.input) === normalizeForDuplicates(b.input);

// Shown rounded down, so a similarity just under the threshold never reads as equal to it.
const twoDecimals = (x: number) => (Math.floor(x * 100) / 100).toFixed(2);

/**
 * The duplicate rule: the new instruction is identical after normalisation
 * (NFKC, case, whitespace) to its parent, a sibling or any node of the
 * project, or a MinHash near-duplicate of its parent or a sibling.
 */
export function checkDuplicate(candidate: Omit<DuplicateText, "id">, evidence: DuplicateEvidence): RuleVerdict {
  const { parent, siblings, threshold } = evidence;
  if (sameText(candidate, parent))
    return { ...base, failed: true, reason: `identical to its parent (node ${parent.id}) after normalisation` };
  const twin = siblings.find((s) => sameText(candidate, s));
  if (twin) return { ...base, failed: true, reason: `identical to its sibling node ${twin.id} after normalisation` };
  if (evidence.identicalNodeId)
    return { ...base, failed: true, reason: `identical to node ${evidence.identicalNodeId} after normalisation` };

  const signatureOf = evidence.signatureOf ?? signatureOfText;
  const signature = evidence.candidateSignature ?? signatureOf(candidate);
  let closest = { similarity: -1, name: "" };
  for (const [other, name] of [
    [parent, "its parent"],
    ...siblings.map((s) => [s, `its sibling node ${s.id}`] as const),
  ] as const) {
    const similarity = estimateJaccard(signature, signatureOf(other));
    if (similarity > closest.similarity) closest = { similarity, name };
  }
  const shown = `Jaccard ≈ ${twoDecimals(closest.similarity)}`;
  if (closest.similarity >= threshold)
    return { ...base, failed: true, reason: `near-duplicate of ${closest.name} (${shown} ≥ ${threshold})` };
  return {
    ...base,
    failed: false,
    reason: `no identical node in the project; closest of parent and siblings is ${closest.name} (${shown} < ${threshold})`,
  };
}

import { distinctRatios } from "@/lib/text/distinct-ngrams";
import type { DiversityRound } from "@/lib/server/diversity/diversity-types";

export const distinctRatiosOf = (round: DiversityRound) => distinctRatios(round.ngrams);

export const pairLabel = (p: { verb: string; object: string }) => `${p.verb} · ${p.object}`;

/** The snapshot's time in UTC, to the minute: the same on the server and in every reader's browser. */
export function computedAtLabel(iso: string): string {
  return `${iso.slice(0, 16).replace("T", " ")} UTC`;
}

// Blind second reviews: a reviewer who has not decided a node yet does not
// see anyone else's decision on it, so agreement between reviewers measures
// independent judgements. Pure, so the node view and its tests agree.

/** The cookie an admin's "Show other reviewers' decisions" switch sets ("1": show). */
export const REVEAL_DECISIONS_COOKIE = "evol-show-decisions";

/**
 * Whether the viewer sees other reviewers' decisions on a node: once they
 * have a standing (not undone) decision of their own on it; before that only
 * when they are an admin who switched them on.
 */
export function seesOthersDecisions(options: {
  viewer: { id: string; role: "admin" | "annotator" };
  reviews: readonly { reviewerId: string; revoked: boolean }[];
  adminReveal: boolean;
}): boolean {
  if (options.viewer.role === "admin" && options.adminReveal) return true;
  return options.reviews.some((r) => r.reviewerId === options.viewer.id && !r.revoked);
}

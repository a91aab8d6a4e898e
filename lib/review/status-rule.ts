// Turns the review decisions on one node into its human status, and picks
// which nodes get a second annotator. Pure, so the review actions, the queue
// and the tests all agree on what a set of decisions means.

export type Decision = "accept" | "reject";

export interface ReviewDecision {
  reviewerId: string;
  role: "admin" | "annotator";
  decision: Decision;
  at: Date;
}

/**
 * admin_word: whoever spoke last decides, but an admin's word beats any
 * annotator's. majority: k reviewers must have decided before the node leaves
 * "unreviewed"; admins still override (see resolveHumanStatus).
 */
export type StatusRule = { kind: "admin_word" } | { kind: "majority"; k: number };

export type HumanStatus = "unreviewed" | "accepted" | "rejected" | "disputed";

const statusOf = (decision: Decision): HumanStatus => (decision === "accept" ? "accepted" : "rejected");

/**
 * Each reviewer's latest decision (a reviewer who changes their mind is not
 * counted twice). On equal timestamps the later entry in the array wins, so
 * a caller appending in insertion order still gets a deterministic answer.
 */
function latestPerReviewer(decisions: readonly ReviewDecision[]): ReviewDecision[] {
  const latest = new Map<string, ReviewDecision>();
  for (const d of decisions) {
    const seen = latest.get(d.reviewerId);
    if (!seen || d.at.getTime() >= seen.at.getTime()) latest.set(d.reviewerId, d);
  }
  return [...latest.values()];
}

/** The most recent of the given decisions (ties: the later entry), or null when empty. */
function mostRecent(decisions: readonly ReviewDecision[]): ReviewDecision | null {
  let best: ReviewDecision | null = null;
  for (const d of decisions) if (!best || d.at.getTime() >= best.at.getTime()) best = d;
  return best;
}

/**
 * Human status of one node under a rule. Only each reviewer's latest decision counts.
 *
 * - admin_word: the latest decision by any admin wins, even when annotators
 *   spoke after it (the admin has already looked at the node). Without an
 *   admin, the latest decision of anyone stands, so a single annotator's word
 *   is the status until someone else (or an admin) speaks.
 * - majority(k): an admin's latest decision overrides, always — whether fewer
 *   than k reviewers decided or a majority of annotators said otherwise —
 *   because admins resolve disputes and a dispute must be closable by one
 *   person. Without an admin: fewer than k reviewers → "unreviewed" (one
 *   opinion is not enough yet); otherwise the majority of latest decisions,
 *   and an exact tie → "disputed" (left for an admin).
 */
export function resolveHumanStatus(decisions: readonly ReviewDecision[], rule: StatusRule): HumanStatus {
  if (rule.kind === "majority" && !(Number.isInteger(rule.k) && rule.k >= 1)) {
    throw new RangeError(`majority rule needs an integer k >= 1, got ${rule.k}`);
  }
  const latest = latestPerReviewer(decisions);
  const admin = mostRecent(latest.filter((d) => d.role === "admin"));
  if (admin) return statusOf(admin.decision);

  if (rule.kind === "admin_word") {
    const anyone = mostRecent(latest);
    return anyone ? statusOf(anyone.decision) : "unreviewed";
  }

  if (latest.length < rule.k) return "unreviewed";
  const accepts = latest.filter((d) => d.decision === "accept").length;
  const rejects = latest.length - accepts;
  if (accepts === rejects) return "disputed";
  return accepts > rejects ? "accepted" : "rejected";
}

/**
 * Where a node falls in [0, 1) for the overlap draw: its id's last 32 bits.
 * Node ids are UUIDs (v7 from us, Prisma or Postgres) whose tail is random,
 * so this is a uniform, fixed draw per node that the SQL of the review queue
 * computes the same way (overlapPointSql), with nothing stored.
 */
export function overlapPoint(nodeId: string): number {
  const tail = nodeId.slice(-8);
  if (!/^[0-9a-f]{8}$/i.test(tail)) throw new RangeError(`not a UUID: ${nodeId}`);
  return Number.parseInt(tail, 16) / 2 ** 32;
}

/**
 * Whether a node should also go to a second annotator: about `overlapShare`
 * of all nodes, always the same ones. 0 picks none, 1 picks all, and raising
 * the share only adds nodes (never drops one already sent to two annotators).
 */
export function needsSecondReview(nodeId: string, overlapShare: number): boolean {
  if (!(overlapShare >= 0 && overlapShare <= 1)) {
    throw new RangeError(`overlapShare must be within 0..1, got ${overlapShare}`);
  }
  return overlapPoint(nodeId) < overlapShare;
}

// Child process of `npm run bench:mixed`: the web side. Simulated reviewers
// call, in-process, the same services the review pages call (the queue page's
// list, then its count as the page streams it in after the list; the node
// page's detail and j/k neighbours; the decision), with this
// process's own Prisma pool, as the Next server would in its own process. No
// HTTP or React rendering is timed: server time of the data work only.
// Started over IPC with `{ type: "start", ... }`; answers `{ type: "done", ... }`.
import type { SessionUser } from "@/lib/server/auth/current-user";

export interface ReviewerPlan {
  type: "start";
  projectId: string;
  reviewers: number;
  seconds: number;
  /** Milliseconds between two decisions of one reviewer. */
  cycleMs: number;
}

export interface ReviewerResult {
  type: "done";
  /** Milliseconds per request kind, unsorted. */
  times: Record<RequestKind, number[]>;
  /** Queue list milliseconds per filter (its query string), unsorted. */
  queueByFilter: Record<string, number[]>;
  /** Milliseconds from asking for the queue page to its count, per filter, unsorted. */
  countByFilter: Record<string, number[]>;
  errors: Record<string, number>;
  decisions: number;
  cycles: number;
  /** Cycles that took longer than cycleMs (the reviewer fell behind its pace). */
  lateCycles: number;
  cpuSeconds: number;
}

/** "queue": the page's list, what the reviewer waits for; "count": its count, streamed in after the list. */
export type RequestKind = "queue" | "count" | "node" | "neighbours" | "accept";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

// The filters a reviewer switches between (those of bench:scale, unreviewed-leaning so decisions land).
const FILTERS: Record<string, string>[] = [
  { status: "unreviewed", verdict: "failed" },
  { status: "unreviewed", verdict: "passed", q: "explain" },
  { status: "unreviewed", disagreement: "1" },
  { status: "unreviewed", rule: "refusal", round: "2" },
  { status: "unreviewed", operation: "deepen" },
  { status: "unreviewed", skill: "Math", q: "table" },
  { status: "unreviewed" },
];

async function run(plan: ReviewerPlan): Promise<ReviewerResult> {
  const { getPrisma, disconnectPrisma } = await import("@/lib/server/db/prisma");
  const { getNodeDetail } = await import("@/lib/server/review/get-node-detail");
  const { firstReviewQueuePage } = await import("@/lib/server/review/list-review-queue");
  const { queueNeighbours } = await import("@/lib/server/review/review-queue-neighbours");
  const { decideNode } = await import("@/lib/server/review/decide-node");
  const { reviewQueueFilterSchema } = await import("@/lib/validation/review");
  const prisma = getPrisma();
  const annotators = await prisma.user.findMany({ where: { role: "annotator" }, orderBy: { email: "asc" } });
  if (annotators.length === 0) throw new Error("no annotator in the bench database");
  const filters = FILTERS.map((f) => reviewQueueFilterSchema.parse(f));

  const times: ReviewerResult["times"] = { queue: [], count: [], node: [], neighbours: [], accept: [] };
  const queueByFilter: ReviewerResult["queueByFilter"] = {};
  const countByFilter: ReviewerResult["countByFilter"] = {};
  const errors: Record<string, number> = {};
  let decisions = 0;
  let cycles = 0;
  let lateCycles = 0;
  /** Times `fn` from `started` (now, unless the request began earlier), or counts its error. */
  const timed = async <T>(kind: RequestKind, fn: () => Promise<T>, started = performance.now()): Promise<T | null> => {
    try {
      const value = await fn();
      times[kind].push(performance.now() - started);
      return value;
    } catch (error) {
      const name = `${kind}: ${error instanceof Error ? error.message.slice(0, 80) : String(error)}`;
      errors[name] = (errors[name] ?? 0) + 1;
      return null;
    }
  };

  const deadline = performance.now() + plan.seconds * 1000;
  const reviewer = async (index: number) => {
    const user = annotators[index % annotators.length];
    const viewer: Pick<SessionUser, "id" | "role"> = { id: user.id, role: "annotator" };
    // Reviewers do not move in step: each starts a fraction of a cycle after the previous one.
    await sleep((plan.cycleMs / plan.reviewers) * index);
    let turn = index;
    while (performance.now() < deadline) {
      const cycleStart = performance.now();
      // A human pace: the actions of one cycle spread over its 2 s, each at its offset or at once if late.
      const at = (fraction: number) => sleep(cycleStart + fraction * plan.cycleMs - performance.now());
      const filterIndex = turn++ % filters.length;
      const filter = filters[filterIndex];
      const queueStarted = performance.now();
      const page = await timed("queue", () => firstReviewQueuePage({ projectId: plan.projectId, filter, viewer }));
      const label = new URLSearchParams(FILTERS[filterIndex]).toString();
      (queueByFilter[label] ??= []).push(performance.now() - queueStarted);
      // The count goes on while the reviewer reads the list and opens a node, as it streams into the page.
      const counted = page
        ? timed("count", () => page.total, queueStarted).then((total) => {
            if (total) (countByFilter[label] ??= []).push(performance.now() - queueStarted);
          })
        : null;
      let nodeId = page?.items[Math.floor(Math.random() * Math.min(5, page.items.length))]?.id ?? null;
      const moves = 2 + (turn % 2);
      // Open the node (the node page: detail, then its neighbours for j/k), then j/k `moves` times.
      for (let step = 0; step <= moves && nodeId; step++) {
        await at(0.1 + (0.7 * step) / (moves + 1));
        const id = nodeId;
        await timed("node", () => getNodeDetail({ projectId: plan.projectId, nodeId: id, viewer }));
        const near = await timed("neighbours", () =>
          queueNeighbours({ projectId: plan.projectId, filter, viewer, nodeId: id }),
        );
        if (step < moves) nodeId = (step === 1 ? near?.previous : near?.next) ?? near?.next ?? nodeId;
      }
      if (nodeId) {
        await at(0.9);
        const id = nodeId;
        const done = await timed("accept", () =>
          decideNode({
            projectId: plan.projectId,
            nodeId: id,
            reviewer: viewer,
            decision: "accept",
            reasonTags: [],
            note: "",
            seenReviewId: null,
          }),
        );
        if (done) decisions++;
      }
      await counted;
      cycles++;
      const spent = performance.now() - cycleStart;
      if (spent > plan.cycleMs) lateCycles++;
      await sleep(plan.cycleMs - spent);
    }
  };
  await Promise.all(Array.from({ length: plan.reviewers }, (_, i) => reviewer(i)));
  await disconnectPrisma();
  const cpu = process.cpuUsage();
  return {
    type: "done",
    times,
    queueByFilter,
    countByFilter,
    errors,
    decisions,
    cycles,
    lateCycles,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
  };
}

process.on("message", (message: unknown) => {
  if (typeof message !== "object" || message === null || (message as { type?: unknown }).type !== "start") return;
  run(message as ReviewerPlan).then(
    (result) => process.send?.(result, () => process.exit(0)),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
});
process.send?.({ type: "ready" });

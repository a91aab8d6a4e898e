import { ConflictError } from "@/lib/server/errors";
import type { ExportSelection } from "@/lib/validation/export";
import { countNearDuplicatesInThread } from "./near-duplicate-thread";

/** The count in flight per person and project: a newer one cancels it, so counts never stack. */
const inFlight = new Map<string, AbortController>();

/** Why a count stopped before its end; the caller has moved on, so nobody reads the answer. */
export class CountCancelledError extends ConflictError {
  constructor(message = "The near-duplicate count was cancelled: a newer one replaced it, or the request closed.") {
    super(message);
  }
}

/**
 * The export form's near-duplicate count: in a thread of its own, one at a
 * time per person and project (a new request cancels the one before, as the
 * threshold slider moves), and cancelled when `signal` aborts (the browser
 * dropped the request). Throws CountCancelledError when cancelled.
 */
export async function countNearDuplicatesOnce(options: {
  userId: string;
  projectId: string;
  selection: ExportSelection;
  threshold: number;
  signal?: AbortSignal;
}): Promise<number> {
  const key = `${options.userId}:${options.projectId}`;
  inFlight.get(key)?.abort(new CountCancelledError());
  const controller = new AbortController();
  inFlight.set(key, controller);
  const onClose = () => controller.abort(new CountCancelledError());
  if (options.signal?.aborted) onClose();
  options.signal?.addEventListener("abort", onClose, { once: true });
  try {
    return await countNearDuplicatesInThread({
      projectId: options.projectId,
      selection: options.selection,
      threshold: options.threshold,
      signal: controller.signal,
    });
  } finally {
    options.signal?.removeEventListener("abort", onClose);
    if (inFlight.get(key) === controller) inFlight.delete(key);
  }
}

/** How many counts are in flight (for tests and diagnostics). */
export const countsInFlight = (): number => inFlight.size;

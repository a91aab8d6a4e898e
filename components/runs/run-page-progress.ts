import type { RunBatch } from "@/lib/server/batch/get-run-batches";
import type { RunProgress } from "@/lib/server/runs/get-run-progress";

/** What the run page shows and polls: the run's progress and, for a batch-mode run, its batches. */
export type RunPageProgress = RunProgress & {
  /** Null for a run that sends its calls live. */
  batches: RunBatch[] | null;
};

/** The run page's data from the run's progress and its batches, as the viewer may see them. */
export function runPageProgress(options: {
  progress: RunProgress;
  batches: RunBatch[];
  viewer: { role: string };
}): RunPageProgress {
  const { progress, batches, viewer } = options;
  const batchMode = progress.batch;
  return {
    ...progress,
    batches: batchMode
      ? // Admins read the provider's text; annotators see the state only (a provider's text can quote a key).
        batches.map((b) => (viewer.role === "admin" ? b : { ...b, failureReason: null }))
      : null,
  };
}

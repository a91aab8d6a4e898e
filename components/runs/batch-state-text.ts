import type { RunBatch } from "@/lib/server/batch/get-run-batches";

// The provider's status while it holds the batch, in plain words.
const AT_PROVIDER: Record<string, string> = {
  validating: "Checked by the provider",
  in_progress: "Running at the provider",
  finalizing: "Finishing at the provider",
  cancelling: "Being cancelled",
};

// How a batch ended at the provider.
const ENDED: Record<string, string> = {
  completed: "Completed",
  failed: "Failed",
  expired: "Expired",
  cancelled: "Cancelled",
};

/** A batch's state in plain words, and whether it is still open, done well or lost. */
export function batchStateText(batch: Pick<RunBatch, "state" | "providerStatus">): {
  text: string;
  tone: "neutral" | "indigo" | "green" | "red" | "amber";
} {
  const status = batch.providerStatus ?? "";
  switch (batch.state) {
    case "preparing":
      return { text: "Being prepared", tone: "neutral" };
    case "uploaded":
      return { text: "Being submitted", tone: "neutral" };
    case "submitted":
      return { text: AT_PROVIDER[status] ?? "Submitted", tone: status === "cancelling" ? "amber" : "indigo" };
    case "ended":
      return { text: `${ENDED[status] ?? "Ended"}; storing results`, tone: "indigo" };
    case "collected":
      return status === "completed" || !ENDED[status]
        ? { text: "Completed", tone: "green" }
        : { text: ENDED[status], tone: status === "cancelled" ? "amber" : "red" };
  }
}

import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { RunBatch } from "@/lib/server/batch/get-run-batches";
import { RunBatchesCard } from "./run-batches-card";

// The reader's clock: fixed here so the expected times are known.
process.env.TZ = "UTC";

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;|&apos;/g, "'")
    .replace(/\s+/g, " ");
const rows = (html: string) => html.split('data-testid="run-batch"').slice(1).map(text);

function batch(overrides: Partial<RunBatch>): RunBatch {
  return {
    id: "0196f0c4-0000-7000-8000-000000000001",
    round: 1,
    phase: "evolve",
    state: "submitted",
    providerStatus: "in_progress",
    requests: { total: 40, done: 0, failed: 0 },
    submittedAt: "2026-12-02T09:05:41.000Z",
    finishedAt: null,
    failureReason: null,
    ...overrides,
  };
}

describe("RunBatchesCard", () => {
  it("lists each batch: round, calls, state in plain words, requests, submitted and finished times", () => {
    const html = renderToStaticMarkup(
      <RunBatchesCard
        batches={[
          batch({ id: "b3", round: 2, phase: "answer", requests: { total: 40, done: 12, failed: 0 } }),
          batch({
            id: "b2",
            phase: "judge",
            state: "collected",
            providerStatus: "completed",
            requests: { total: 30, done: 28, failed: 2 },
            finishedAt: "2026-12-02T11:30:02.000Z",
          }),
          batch({ id: "b1", state: "preparing", providerStatus: null, submittedAt: null }),
        ]}
      />,
    );
    const [running, completed, preparing] = rows(html);
    expect(running).toContain("2 answer Running at the provider 12 done of 40 2 Dec, 09:05:41 —");
    expect(completed).toContain("1 judge Completed 28 done, 2 failed of 30 2 Dec, 09:05:41 2 Dec, 11:30:02");
    expect(preparing).toContain("1 evolve Being prepared 0 done of 40 — —");
    expect(html).toContain('dateTime="2026-12-02T11:30:02.000Z"');
  });

  it("says why a batch was lost", () => {
    const html = renderToStaticMarkup(
      <RunBatchesCard
        batches={[
          batch({
            state: "collected",
            providerStatus: "expired",
            requests: { total: 40, done: 0, failed: 40 },
            finishedAt: "2026-12-03T09:05:41.000Z",
            failureReason: "The batch expired before it completed (24 h window).",
          }),
        ]}
      />,
    );
    const [expired] = rows(html);
    expect(expired).toContain("Expired The batch expired before it completed (24 h window). 0 done, 40 failed of 40");
  });

  it("names every state and provider status in plain words", () => {
    const cases: [Partial<RunBatch>, string][] = [
      [{ state: "uploaded", providerStatus: null }, "Being submitted"],
      [{ state: "submitted", providerStatus: "validating" }, "Checked by the provider"],
      [{ state: "submitted", providerStatus: "finalizing" }, "Finishing at the provider"],
      [{ state: "submitted", providerStatus: "cancelling" }, "Being cancelled"],
      [{ state: "ended", providerStatus: "completed" }, "Completed; storing results"],
      [{ state: "collected", providerStatus: "cancelled" }, "Cancelled"],
      [{ state: "collected", providerStatus: "failed" }, "Failed"],
    ];
    for (const [overrides, words] of cases) {
      const [row] = rows(renderToStaticMarkup(<RunBatchesCard batches={[batch(overrides)]} />));
      expect(row, JSON.stringify(overrides)).toContain(` ${words} `);
    }
  });

  it("says when no batch exists yet", () => {
    expect(text(renderToStaticMarkup(<RunBatchesCard batches={[]} />))).toContain(
      "No batch yet: the round's first calls are being gathered into one.",
    );
  });
});

import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { RunBatch } from "@/lib/server/batch/get-run-batches";
import type { RunProgress } from "@/lib/server/runs/get-run-progress";
import { runPageProgress } from "./run-page-progress";
import { RunProgressView } from "./run-progress-view";

const text = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");

const progress: RunProgress = {
  id: "0196f0c4-0000-7000-8000-0000000000aa",
  projectId: "0196f0c4-0000-7000-8000-0000000000bb",
  status: "running",
  mode: "continuous",
  batch: false,
  rounds: 2,
  currentRound: 1,
  name: "nightly",
  endpointLabel: "Simulator",
  startedBy: null,
  createdAt: "2026-12-02T09:00:00.000Z",
  startedAt: "2026-12-02T09:00:00.000Z",
  finishedAt: null,
  perRound: [],
  totals: { expected: 20, finished: 0, evolved: 0, passed: 0, eliminated: 0, failedSteps: 0, open: 10 },
  llm: { calls: 0, errors: 0, errorsByKind: {}, promptTokens: 0, completionTokens: 0 },
  stepsPerMinute: 0,
  etaSeconds: null,
  recentErrors: [],
  budget: null,
  stalled: null,
  endpointWait: null,
  concurrency: [],
};

const lost: RunBatch = {
  id: "0196f0c4-0000-7000-8000-000000000001",
  round: 1,
  phase: "evolve",
  state: "collected",
  providerStatus: "failed",
  requests: { total: 10, done: 0, failed: 10 },
  submittedAt: "2026-12-02T09:00:05.000Z",
  finishedAt: "2026-12-02T09:10:00.000Z",
  failureReason: "input file rejected: sk-live-… is not a valid key",
};

const render = (batches: RunBatch[], role: "admin" | "annotator" = "admin", batch = true) =>
  renderToStaticMarkup(
    <RunProgressView
      initial={runPageProgress({ progress: { ...progress, batch }, batches, viewer: { role } })}
      canControl={false}
    />,
  );

describe("RunProgressView: a batch-mode run", () => {
  it("shows Batch API as the run's mode and lists its batches", () => {
    const html = render([lost]);
    expect(text(html)).toContain("2 rounds · continuous · Batch API · Simulator");
    expect(html).toContain('data-testid="run-batches"');
    expect(text(html)).toContain("1 evolve Failed input file rejected");
  });

  it("says so before its first batch exists", () => {
    const html = render([]);
    expect(text(html)).toContain("2 rounds · continuous · Batch API · Simulator");
    expect(html).toContain('data-testid="batches-empty"');
  });

  it("shows neither for a run in normal mode", () => {
    const html = render([], "admin", false);
    expect(text(html)).toContain("2 rounds · continuous · Simulator");
    expect(html).not.toContain("Batch API");
    expect(html).not.toContain(">Batches<");
  });

  it("shows annotators a lost batch's state but not the provider's text", () => {
    const shown = text(render([lost], "annotator"));
    expect(shown).toContain("1 evolve Failed 0 done, 10 failed of 10");
    expect(shown).not.toContain("input file rejected");
  });
});

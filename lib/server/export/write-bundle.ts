import { createReadStream, createWriteStream } from "node:fs";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { axolotlSnippet } from "@/lib/export/bundle/axolotl-snippet";
import { datasetCard, type Setting } from "@/lib/export/bundle/dataset-card";
import { datasetInfoEntry } from "@/lib/export/bundle/dataset-info";
import { streamZip } from "@/lib/export/bundle/stream-zip";
import type { ExportSummary } from "@/lib/export/encode-export";
import { OPERATION_LABELS, isOperation } from "@/lib/evolution/operations";
import { STATUS_PRESET_LABELS, type ExportOptions } from "@/lib/validation/export";
import { archiveName, BUNDLE_FILES } from "./export-storage";
import { sortedEntries, type ExportTally } from "./export-tally";
import { costRows } from "./cost-rows";
import { projectCardFacts, type RunFacts } from "./project-card-facts";

function selectionSettings(o: ExportOptions, runLabel: string | null): Setting[] {
  // A test set is exactly its evaluation set's nodes: the filters below did not apply.
  if (o.evalSetId) return [{ label: "Evaluation set (test set)", value: o.evalSetId }];
  return [
    { label: "Hold-out evaluation sets left out", value: o.excludeHeldOut },
    { label: "Review status", value: STATUS_PRESET_LABELS[o.status] },
    { label: "Seeds included", value: o.includeSeeds },
    { label: "Rounds", value: o.rounds.length ? o.rounds.join(", ") : "all" },
    {
      label: "Operations",
      value: o.operations.length ? o.operations.map((op) => OPERATION_LABELS[op]).join(", ") : "all",
    },
    { label: "Run", value: runLabel ?? "all" },
    { label: "Seed skill", value: o.skill || "any" },
    { label: "Near-duplicate removal", value: o.dedupe.enabled ? `MinHash, threshold ${o.dedupe.threshold}` : false },
  ];
}

function runSummary(run: RunFacts) {
  const enabledRules = Object.entries(run.rules)
    .filter(([, on]) => on)
    .map(([rule]) => rule);
  const weights = Object.entries(run.weights)
    .filter(([, w]) => w > 0)
    .map(([op, w]) => `${isOperation(op) ? OPERATION_LABELS[op] : op} ${w}`);
  return {
    name: run.name || `Run ${run.id.slice(-8)}`,
    rounds: run.rounds,
    models: Object.entries(run.models).map(([role, model]) => ({ role, model })),
    settings: [
      { label: "Run id", value: run.id },
      { label: "Status", value: run.status },
      { label: "Mode", value: run.mode },
      { label: "Branching", value: run.branching },
      { label: "Prompt templates", value: run.templateVersion },
      { label: "Method", value: run.method },
      { label: "Endpoint", value: run.endpoint },
      { label: "Eliminator rules", value: enabledRules.join(", ") || "none" },
      { label: "Operation weights", value: weights.join(", ") || null },
      { label: "Started", value: run.createdAt.toISOString().slice(0, 16).replace("T", " ") },
    ],
  };
}

/** LLaMA-Factory's `dataset:` key: the project name as an identifier. */
export function datasetKey(projectName: string): string {
  return (
    projectName
      .normalize("NFKD")
      .replace(/\p{M}/gu, "")
      .replace(/[^\w]+/g, "_")
      .replace(/^_+|_+$/g, "")
      .toLowerCase() || "evol_dataset"
  );
}

/**
 * The bundle beside a finished data file: the dataset card, the LLaMA-Factory
 * and axolotl snippets (each kept as a file for downloading one by one), and
 * the .zip of all four, streamed from disk. Returns the archive's path.
 */
export async function writeBundle(options: {
  folder: string;
  exportRow: { projectId: string; fileName: string };
  options: ExportOptions;
  summary: ExportSummary;
  tally: ExportTally;
  duplicatesRemoved: number;
}): Promise<string> {
  const { folder, exportRow, options: o, summary, tally } = options;
  const facts = await projectCardFacts({ projectId: exportRow.projectId, runId: o.runId });
  const run = o.runId ? facts.runs.find((r) => r.id === o.runId) : null;
  const card = datasetCard({
    prettyName: facts.projectName,
    format: o.format,
    fileName: exportRow.fileName,
    lineage: o.lineage,
    systemPrompt: o.systemPrompt || undefined,
    records: summary.records,
    skipped: summary.skipped,
    nearDuplicatesRemoved: options.duplicatesRemoved,
    sha256: summary.sha256,
    perRound: sortedEntries(tally.byRound).map(([key, count]) => ({ key, count })),
    perOperation: sortedEntries(tally.byOperation).map(([key, count]) => ({ key: key === "seed" ? null : key, count })),
    eliminator: {
      passed: tally.byVerdict.get("passed") ?? 0,
      failed: tally.byVerdict.get("failed") ?? 0,
      pending: tally.byVerdict.get("pending") ?? 0,
      failedPerRule: sortedEntries(tally.byFailedRule).map(([key, count]) => ({ key, count })),
    },
    review: {
      accepted: tally.byHumanStatus.get("accepted") ?? 0,
      rejected: tally.byHumanStatus.get("rejected") ?? 0,
      unreviewed: tally.byHumanStatus.get("unreviewed") ?? 0,
      disputed: tally.byHumanStatus.get("disputed") ?? 0,
      reviewers: [...tally.reviewers.entries()].map(([email, r]) => ({ email, ...r })),
    },
    selection: selectionSettings(o, run ? `${run.name || run.id}` : o.runId),
    runs: facts.runs.map(runSummary),
    cost: costRows(facts.costs),
    generatedAt: new Date(),
  });
  const info =
    JSON.stringify(
      datasetInfoEntry({
        name: datasetKey(facts.projectName),
        fileName: exportRow.fileName,
        format: o.format,
        lineage: o.lineage,
        systemPrompt: o.systemPrompt || undefined,
      }),
      null,
      2,
    ) + "\n";
  const axolotl = axolotlSnippet({ fileName: exportRow.fileName, format: o.format });
  await writeFile(path.join(folder, BUNDLE_FILES.card), card);
  await writeFile(path.join(folder, BUNDLE_FILES.dataset_info), info);
  await writeFile(path.join(folder, BUNDLE_FILES.axolotl), axolotl);
  const archive = path.join(folder, archiveName(exportRow.fileName));
  const zip = streamZip([
    { name: exportRow.fileName, data: createReadStream(path.join(folder, exportRow.fileName)) },
    { name: BUNDLE_FILES.card, data: card },
    { name: BUNDLE_FILES.dataset_info, data: info },
    { name: BUNDLE_FILES.axolotl, data: axolotl },
  ]);
  await pipeline(Readable.from(zip), createWriteStream(archive));
  return archive;
}

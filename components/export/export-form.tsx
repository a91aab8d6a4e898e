"use client";

import { useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { startExportAction } from "@/lib/actions/export/start-export";
import { LINEAGE_DEFAULT, NO_LINEAGE_FORMATS, type ExportFormat } from "@/lib/export/types";
import {
  DEFAULT_DEDUPE_THRESHOLD,
  DIRECT_EXPORT_LIMIT,
  type ExportOptions,
  type ExportSelection,
} from "@/lib/validation/export";
import { ExportProgress } from "./export-progress";
import { DownloadNow } from "./download-now";
import { EvalSetFields } from "./eval-set-fields";
import { CHAT_FORMATS, FormatFields, type FormatValues } from "./format-fields";
import { SelectionFields, type SelectionChoices } from "./selection-fields";
import { useExportCount } from "./use-export-count";

const fmt = (n: number) => n.toLocaleString("en-US");

const INITIAL_SELECTION: ExportSelection = {
  status: "accepted",
  rounds: [],
  operations: [],
  runId: null,
  skill: "",
  includeSeeds: true,
  evalSetId: null,
  excludeHeldOut: true,
};

/** The export page's form: choose nodes and format, see how many records that makes, start, follow, download. */
export function ExportForm({
  projectId,
  choices,
  evalSetId = null,
}: {
  projectId: string;
  choices: SelectionChoices;
  /** An evaluation set to start with (the eval sets page's "Export" link). */
  evalSetId?: string | null;
}) {
  const [selection, setSelection] = useState<ExportSelection>({ ...INITIAL_SELECTION, evalSetId });
  const [format, setFormat] = useState<FormatValues>({
    format: "alpaca",
    lineage: LINEAGE_DEFAULT.alpaca,
    bundle: false,
    systemPrompt: "",
    keepRawText: false,
    dedupe: { enabled: false, threshold: DEFAULT_DEDUPE_THRESHOLD },
  });
  const [lineageTouched, setLineageTouched] = useState(false);
  const [started, setStarted] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const count = useExportCount(projectId, selection, format.dedupe);
  const chat = CHAT_FORMATS.includes(format.format);

  const changeFormat = (next: ExportFormat) =>
    setFormat((f) => ({ ...f, format: next, lineage: lineageTouched ? f.lineage : LINEAGE_DEFAULT[next] }));
  const patchFormat = (patch: Partial<FormatValues>) => {
    if ("lineage" in patch) setLineageTouched(true);
    setFormat((f) => ({ ...f, ...patch }));
  };
  const options: ExportOptions = {
    ...selection,
    format: format.format,
    // OpenAI chat files cannot carry lineage (NO_LINEAGE_FORMATS): the box is off and disabled there.
    lineage: format.lineage && !NO_LINEAGE_FORMATS.includes(format.format),
    bundle: format.bundle,
    systemPrompt: chat ? format.systemPrompt : "",
    keepRawText: format.format === "csv" && format.keepRawText,
    dedupe: format.dedupe,
  };
  const start = () =>
    startTransition(async () => {
      setError(null);
      const result = await startExportAction({ projectId, options });
      if (!result.ok) return setError(result.error);
      setStarted(result.data.exportId);
    });

  /** Selected nodes with an answer: what can be written at all. */
  const writable = count.total === null ? null : count.total - count.unanswered;
  const expected =
    count.total === null
      ? null
      : count.total - count.unanswered - (format.dedupe.enabled ? (count.nearDuplicates ?? 0) : 0);
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <Card title="Which nodes">
        <div className="space-y-4">
          <EvalSetFields value={selection} onChange={setSelection} evalSets={choices.evalSets} />
          {selection.evalSetId ? null : <SelectionFields value={selection} onChange={setSelection} choices={choices} />}
        </div>
      </Card>
      <div className="space-y-4">
        <Card title="Format">
          <FormatFields value={format} onChange={patchFormat} onFormat={changeFormat} />
        </Card>
        <Card>
          <div className="space-y-3">
            <p className="text-sm" aria-live="polite">
              {count.error ? <span className="text-red-600">{count.error}</span> : null}
              {!count.error && count.total === null ? <span className="text-zinc-500">Counting…</span> : null}
              {count.total !== null && !count.error ? (
                <>
                  <span className="text-lg font-semibold tabular-nums" data-testid="export-count">
                    {fmt(count.total)}
                  </span>{" "}
                  nodes selected
                  {count.unanswered ? (
                    <span className="text-zinc-600" data-testid="export-unanswered">
                      ; {fmt(count.unanswered)} without an answer will be left out
                    </span>
                  ) : null}
                  {count.heldOut ? (
                    <span className="text-zinc-600" data-testid="export-held-out">
                      ; {fmt(count.heldOut)} held out for evaluation left out
                    </span>
                  ) : null}
                  {format.dedupe.enabled ? (
                    <span className="text-zinc-600" data-testid="export-duplicates">
                      ;{" "}
                      {count.nearDuplicates === null
                        ? "counting near-duplicates…"
                        : `${fmt(count.nearDuplicates)} near-duplicates will be removed`}
                    </span>
                  ) : null}
                  {expected !== null && expected !== count.total ? (
                    <span className="text-zinc-600"> → about {fmt(expected)} records</span>
                  ) : null}
                  {count.loading ? <span className="ml-2 text-xs text-zinc-400">updating…</span> : null}
                </>
              ) : null}
            </p>
            {error ? <Alert tone="error">{error}</Alert> : null}
            <div className="flex flex-wrap items-start gap-2">
              <Button onClick={start} disabled={pending || writable === null || writable === 0}>
                {pending ? "Starting…" : "Export"}
              </Button>
              {!format.bundle ? (
                <DownloadNow
                  projectId={projectId}
                  options={options}
                  disabled={writable === null || writable === 0 || (count.total ?? 0) > DIRECT_EXPORT_LIMIT}
                />
              ) : null}
            </div>
            <p className="text-xs text-zinc-500">
              Export runs as a job with a progress bar (any size, bundles too); Download now streams the file straight
              to your browser (up to {fmt(DIRECT_EXPORT_LIMIT)} nodes, no bundle). Both are recorded below.
            </p>
            {started ? <ExportProgress key={started} projectId={projectId} exportId={started} /> : null}
          </div>
        </Card>
      </div>
    </div>
  );
}

import { STATUS_PRESET_LABELS, type StatusPreset } from "@/lib/validation/export";

/** One line saying what an export took, from its stored selection. */
export function selectionSummary(
  selection: Record<string, unknown>,
  evalSetNames: Record<string, string> = {},
): string {
  const parts: string[] = [];
  if (selection.evalSetId) {
    const name = evalSetNames[String(selection.evalSetId)];
    return name ? `evaluation set ${name}` : "a deleted evaluation set";
  }
  const status = selection.status as StatusPreset | undefined;
  parts.push(
    status === "accepted"
      ? "accepted"
      : status === "accepted_or_passing_unreviewed"
        ? "accepted + passing unreviewed"
        : status
          ? (STATUS_PRESET_LABELS[status]?.toLowerCase() ?? status)
          : "?",
  );
  const rounds = selection.rounds as number[] | undefined;
  if (rounds?.length) parts.push(`rounds ${rounds.join(", ")}`);
  const operations = selection.operations as string[] | undefined;
  if (operations?.length) parts.push(operations.join(", "));
  if (selection.runId) parts.push(`run …${String(selection.runId).slice(-8)}`);
  if (selection.skill) parts.push(`skill ${String(selection.skill)}`);
  parts.push(selection.includeSeeds ? "with seeds" : "no seeds");
  const dedupe = selection.dedupe as { enabled?: boolean; threshold?: number } | undefined;
  if (dedupe?.enabled) parts.push(`dedupe ≥ ${dedupe.threshold}`);
  return parts.join(" · ");
}

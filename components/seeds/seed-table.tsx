import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import type { SeedRow } from "@/lib/server/seeds/list-seeds";
import { clipText, PREVIEW_CHARS } from "@/lib/text/text-limits";

function metadataBadges(metadata: Record<string, unknown>) {
  return Object.entries(metadata)
    .filter(([, v]) => typeof v === "string" || typeof v === "number" || typeof v === "boolean")
    .filter(([k]) => ["skill", "difficulty", "name", "is_classification"].includes(k))
    .map(([k, v]) => `${k}: ${clipText(String(v), 80)}`);
}

export function SeedTable({ projectId, seeds, emptyText }: { projectId: string; seeds: SeedRow[]; emptyText: string }) {
  if (seeds.length === 0)
    return (
      <p className="rounded-lg border border-dashed border-zinc-300 p-6 text-center text-sm text-zinc-500">
        {emptyText}
      </p>
    );
  return (
    <ul className="divide-y divide-zinc-100 overflow-hidden rounded-lg border border-zinc-200 bg-white">
      {seeds.map((seed) => (
        <li key={seed.id} className="space-y-1 px-4 py-3" data-testid="seed-row">
          <Link
            href={`/projects/${projectId}/trees/${seed.id}`}
            className="line-clamp-3 whitespace-pre-wrap text-sm text-zinc-900 hover:text-indigo-700"
            title="Open the lineage tree"
          >
            {seed.instruction}
            {seed.instructionLength > PREVIEW_CHARS ? "…" : ""}
          </Link>
          {seed.instructionLength > PREVIEW_CHARS ? (
            <p className="text-xs text-zinc-500" data-testid="seed-length">
              {seed.instructionLength.toLocaleString("en-US")} characters
            </p>
          ) : null}
          {seed.input ? (
            <p className="line-clamp-2 whitespace-pre-wrap rounded bg-zinc-50 px-2 py-1 font-mono text-xs text-zinc-600">
              {seed.input}
            </p>
          ) : null}
          {seed.output ? (
            <p className="line-clamp-2 whitespace-pre-wrap text-xs text-zinc-500">→ {seed.output}</p>
          ) : null}
          <div className="flex flex-wrap gap-1">
            {metadataBadges(seed.metadata).map((b) => (
              <Badge key={b}>{b}</Badge>
            ))}
          </div>
        </li>
      ))}
    </ul>
  );
}

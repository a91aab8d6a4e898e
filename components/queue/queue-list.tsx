"use client";

import Link from "next/link";
import { useState } from "react";
import { BulkButton } from "@/components/review/bulk-button";
import { NodeBadges } from "@/components/tree/node-badges";
import { Button } from "@/components/ui/button";
import type { QueueItem } from "@/lib/server/curation/list-review-queue";

export function QueueList(props: { projectId: string; query: string; initial: QueueItem[]; initialCursor: string | null }) {
  const [items, setItems] = useState(props.initial);
  const [cursor, setCursor] = useState(props.initialCursor);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<string[]>([]);
  const toggle = (id: string, on: boolean) => setSelected((current) => (on ? [...current, id] : current.filter((s) => s !== id)));

  async function loadMore() {
    if (!cursor) return;
    setLoading(true);
    const separator = props.query ? "&" : "?";
    const response = await fetch(`/api/projects/${props.projectId}/queue${props.query}${separator}after=${cursor}`, { cache: "no-store" });
    setLoading(false);
    if (!response.ok) return setError("Could not load more; try again.");
    const page = (await response.json()) as { items: QueueItem[]; nextCursor: string | null };
    setItems((current) => [...current, ...page.items]);
    setCursor(page.nextCursor);
  }

  if (items.length === 0) return <p className="rounded-lg border border-dashed border-zinc-300 p-6 text-center text-sm text-zinc-500">Nothing matches these filters.</p>;
  return (
    <div className="space-y-2">
      {selected.length ? (
        <div className="flex flex-wrap items-start gap-2 text-sm">
          <span className="py-1.5 text-zinc-600">{selected.length} selected</span>
          <BulkButton projectId={props.projectId} scope={{ kind: "selection", nodeIds: selected }} decision="accept" label="Accept selected…" />
          <BulkButton projectId={props.projectId} scope={{ kind: "selection", nodeIds: selected }} decision="reject" label="Reject selected…" />
          <button type="button" className="py-1.5 text-zinc-500 underline" onClick={() => setSelected([])}>Clear</button>
        </div>
      ) : null}
      <ul className="divide-y divide-zinc-100 overflow-hidden rounded-lg border border-zinc-200 bg-white">
        {items.map((item) => (
          <li key={item.id} data-testid="queue-item" data-node-id={item.id} className="flex items-start gap-2 px-3 hover:bg-zinc-50">
            <input type="checkbox" className="mt-3" aria-label="Select" checked={selected.includes(item.id)} onChange={(e) => toggle(item.id, e.currentTarget.checked)} />
            <Link href={`/projects/${props.projectId}/review/${item.id}${props.query}`} className="block min-w-0 flex-1 py-2">
              <NodeBadges node={item} />
              <span className="mt-0.5 block truncate text-sm text-zinc-800">{item.preview}</span>
            </Link>
          </li>
        ))}
      </ul>
      {error ? <p role="alert" className="text-sm text-red-600">{error}</p> : null}
      {cursor ? <Button variant="secondary" onClick={loadMore} disabled={loading}>{loading ? "Loading…" : "Load more"}</Button> : null}
    </div>
  );
}

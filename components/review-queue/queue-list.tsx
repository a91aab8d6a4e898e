"use client";

import { useWindowVirtualizer } from "@tanstack/react-virtual";
import Link from "next/link";
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";
import { BulkButton, BulkLimitNote } from "@/components/review/bulk-button";
import { NodeBadges } from "@/components/tree/node-badges";
import { Button } from "@/components/ui/button";
import type { QueueItem } from "@/lib/server/review/list-review-queue";

/** Rows are about this tall (badges + one line of preview); each is measured once shown. */
const ROW_ESTIMATE = 58;
/** Fetch the next page when the last rendered row is this close to the end of what is loaded. */
const PREFETCH_ROWS = 30;

/**
 * The queue as one long list that stays fast at any length: only the rows on
 * screen are in the DOM (window virtualization), and the next keyset page is
 * fetched as the reader nears the end.
 */
export function QueueList(props: {
  projectId: string;
  query: string;
  /** The most nodes this user may decide at once; null: no limit (admins). */
  bulkLimit: number | null;
  initial: QueueItem[];
  initialCursor: string | null;
}) {
  const [items, setItems] = useState(props.initial);
  const [cursor, setCursor] = useState(props.initialCursor);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<string[]>([]);
  const toggle = (id: string, on: boolean) =>
    setSelected((current) => (on ? [...current, id] : current.filter((s) => s !== id)));

  const listRef = useRef<HTMLUListElement>(null);
  const [scrollMargin, setScrollMargin] = useState(0);
  // The selection bar above the list moves it down; the virtualizer needs to know where it starts.
  const hasSelection = selected.length > 0;
  useLayoutEffect(() => setScrollMargin(listRef.current?.offsetTop ?? 0), [hasSelection]);
  const virtualizer = useWindowVirtualizer({
    count: items.length,
    estimateSize: () => ROW_ESTIMATE,
    overscan: 8,
    scrollMargin,
    // Rendered on the server too, so the first screenful is there before hydration.
    initialRect: { width: 1024, height: 1200 },
  });
  const rows = virtualizer.getVirtualItems();

  // The cursor being fetched: one request per page, however often scrolling asks.
  const inFlight = useRef<string | null>(null);
  const loadMore = useCallback(async () => {
    if (!cursor || inFlight.current === cursor) return;
    inFlight.current = cursor;
    setLoading(true);
    setError(null);
    const separator = props.query ? "&" : "?";
    try {
      const response = await fetch(
        `/api/projects/${props.projectId}/review-queue${props.query}${separator}after=${cursor}`,
        {
          cache: "no-store",
        },
      );
      if (!response.ok) throw new Error(String(response.status));
      const page = (await response.json()) as { items: QueueItem[]; nextCursor: string | null };
      setItems((current) => [...current, ...page.items]);
      setCursor(page.nextCursor);
    } catch {
      setError("Could not load more; try again.");
    } finally {
      inFlight.current = null;
      setLoading(false);
    }
  }, [cursor, props.projectId, props.query]);

  const lastShown = rows.length ? rows[rows.length - 1].index : -1;
  useEffect(() => {
    if (error || lastShown < items.length - PREFETCH_ROWS) return;
    const frame = requestAnimationFrame(() => void loadMore());
    return () => cancelAnimationFrame(frame);
  }, [lastShown, items.length, error, loadMore]);

  if (items.length === 0)
    return (
      <p className="rounded-lg border border-dashed border-zinc-300 p-6 text-center text-sm text-zinc-500">
        Nothing matches these filters.
      </p>
    );
  return (
    <div className="space-y-2">
      {selected.length ? (
        <div className="flex flex-wrap items-start gap-2 text-sm">
          <span className="py-1.5 text-zinc-600">{selected.length} selected</span>
          <BulkButton
            projectId={props.projectId}
            scope={{ kind: "selection", nodeIds: selected }}
            decision="accept"
            label="Accept selected…"
            limit={props.bulkLimit}
            knownCount={selected.length}
          />
          <BulkButton
            projectId={props.projectId}
            scope={{ kind: "selection", nodeIds: selected }}
            decision="reject"
            label="Reject selected…"
            limit={props.bulkLimit}
            knownCount={selected.length}
          />
          <button type="button" className="py-1.5 text-zinc-500 underline" onClick={() => setSelected([])}>
            Clear
          </button>
          <BulkLimitNote limit={props.bulkLimit} knownCount={selected.length} />
        </div>
      ) : null}
      <ul
        ref={listRef}
        data-testid="queue-list"
        data-loaded={items.length}
        className="relative overflow-hidden rounded-lg border border-zinc-200 bg-white"
        style={{ height: virtualizer.getTotalSize() }}
      >
        {rows.map((row) => {
          const item = items[row.index];
          return (
            <li
              key={item.id}
              ref={virtualizer.measureElement}
              data-index={row.index}
              data-testid="queue-item"
              data-node-id={item.id}
              className="absolute left-0 top-0 flex w-full items-start gap-2 border-b border-zinc-100 px-3 hover:bg-zinc-50"
              style={{ transform: `translateY(${row.start - scrollMargin}px)` }}
            >
              <input
                type="checkbox"
                className="mt-3"
                aria-label="Select"
                checked={selected.includes(item.id)}
                onChange={(e) => toggle(item.id, e.currentTarget.checked)}
              />
              <Link
                href={`/projects/${props.projectId}/review/${item.id}${props.query}`}
                className="block min-w-0 flex-1 py-2"
              >
                <NodeBadges node={item} />
                <span className="mt-0.5 block truncate text-sm text-zinc-800">{item.preview}</span>
              </Link>
            </li>
          );
        })}
      </ul>
      {error ? (
        <p role="alert" className="text-sm text-red-600">
          {error}
        </p>
      ) : null}
      {cursor ? (
        <Button variant="secondary" onClick={loadMore} disabled={loading}>
          {loading ? "Loading…" : "Load more"}
        </Button>
      ) : (
        <p className="text-xs text-zinc-400">End of the queue: {items.length.toLocaleString("en-US")} loaded.</p>
      )}
    </div>
  );
}

"use client";

import { useVirtualizer } from "@tanstack/react-virtual";
import { usePathname, useRouter } from "next/navigation";
import { useEffect, useMemo, useRef, useSyncExternalStore } from "react";
import { indexTree, move, visibleRows, type Move } from "@/lib/review/tree-navigation";
import type { TreeNode } from "@/lib/server/review/get-lineage-tree";
import { useTreeStore, type TreeFilter } from "@/lib/stores/use-tree-store";
import { NodeBadges } from "./node-badges";

const FILTERS: [TreeFilter, string][] = [
  ["all", "All"],
  ["passed", "Passed"],
  ["failed", "Eliminated"],
  ["unreviewed", "Unreviewed"],
  ["accepted", "Accepted"],
  ["rejected", "Rejected"],
];

function matches(node: TreeNode, filter: TreeFilter) {
  if (filter === "all") return true;
  if (filter === "passed" || filter === "failed") return node.parentId !== null && node.verdict === filter;
  return node.humanStatus === filter;
}

const noSubscription = () => () => {};
/** A row holds the badges and one line of preview; each is measured once shown. */
const ROW_ESTIMATE = 50;

const KEY_MOVES: Record<string, Move> = {
  ArrowLeft: "parent",
  ArrowRight: "firstChild",
  ArrowDown: "nextSibling",
  ArrowUp: "prevSibling",
};

/** The whole lineage at a glance, as an indented, foldable tree driven by the arrow keys. */
export function LineageTree({ nodes, selectedId }: { nodes: TreeNode[]; selectedId: string }) {
  const router = useRouter();
  const pathname = usePathname();
  const { collapsed, filter, toggle, expand, setFilter } = useTreeStore();
  const index = useMemo(() => indexTree(nodes), [nodes]);
  const byId = useMemo(() => new Map(nodes.map((n) => [n.id, n])), [nodes]);
  const rows = useMemo(() => visibleRows(index, collapsed), [index, collapsed]);
  const listRef = useRef<HTMLDivElement>(null);
  // Only the rows in view are in the DOM, so a tree of thousands of nodes hydrates and scrolls like a small one.
  // eslint-disable-next-line react-hooks/incompatible-library -- no React Compiler here; the virtualizer re-renders this component itself
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => listRef.current,
    estimateSize: () => ROW_ESTIMATE,
    overscan: 12,
    initialRect: { width: 480, height: 900 },
  });
  const selectedIndex = rows.findIndex((r) => r.id === selectedId);
  // False in the server's HTML, true once React has hydrated and the keys work (the browser benchmark waits for it).
  const interactive = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );

  useEffect(() => {
    if (selectedIndex >= 0) virtualizer.scrollToIndex(selectedIndex, { align: "auto" });
  }, [selectedIndex, virtualizer]);
  useEffect(() => {
    const go = (id: string | null) => id && router.replace(`${pathname}?node=${id}`, { scroll: false });
    function onKey(event: KeyboardEvent) {
      const target = event.target as HTMLElement | null;
      if (
        event.metaKey ||
        event.ctrlKey ||
        event.altKey ||
        target?.closest("input, textarea, select, [contenteditable=true]")
      )
        return;
      const direction = KEY_MOVES[event.key];
      if (direction) {
        event.preventDefault();
        if (direction === "firstChild") expand(selectedId);
        go(move(index, selectedId, direction));
        return;
      }
      if (event.key === "j" || event.key === "k") {
        const at = rows.findIndex((r) => r.id === selectedId);
        go(rows[at + (event.key === "j" ? 1 : -1)]?.id ?? null);
      }
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [index, rows, selectedId, router, pathname, expand]);

  return (
    <div className="flex h-full flex-col">
      <div className="flex flex-wrap gap-1 border-b border-zinc-100 p-2" role="toolbar" aria-label="Highlight in tree">
        {FILTERS.map(([value, label]) => (
          <button
            key={value}
            type="button"
            aria-pressed={filter === value}
            onClick={() => setFilter(value)}
            className={`rounded px-2 py-0.5 text-xs ${filter === value ? "bg-indigo-600 text-white" : "bg-zinc-100 text-zinc-700 hover:bg-zinc-200"}`}
          >
            {label} <span className="tabular-nums opacity-70">{nodes.filter((n) => matches(n, value)).length}</span>
          </button>
        ))}
      </div>
      <div ref={listRef} className="flex-1 overflow-auto p-1 text-sm">
        <ul
          role="tree"
          aria-label="Lineage tree"
          data-interactive={interactive}
          className="relative w-full"
          style={{ height: virtualizer.getTotalSize() }}
        >
          {virtualizer.getVirtualItems().map((item) => {
            const { id, depth } = rows[item.index];
            const node = byId.get(id)!;
            const hasChildren = (index.children.get(id)?.length ?? 0) > 0;
            const selected = id === selectedId;
            return (
              <li
                key={id}
                ref={virtualizer.measureElement}
                data-index={item.index}
                role="treeitem"
                aria-level={depth + 1}
                aria-selected={selected}
                aria-expanded={hasChildren ? !collapsed.has(id) : undefined}
                data-node-id={id}
                data-testid="tree-node"
                className="absolute left-0 top-0 w-full"
                style={{ transform: `translateY(${item.start}px)` }}
              >
                <div
                  className={`flex items-start gap-1 rounded ${selected ? "bg-indigo-50 ring-1 ring-indigo-300" : "hover:bg-zinc-50"} ${matches(node, filter) ? "" : "opacity-35"}`}
                  style={{ paddingLeft: depth * 16 }}
                >
                  <button
                    type="button"
                    aria-label={collapsed.has(id) ? "Expand" : "Collapse"}
                    onClick={() => toggle(id)}
                    className={`mt-1 w-4 shrink-0 text-xs text-zinc-400 ${hasChildren ? "" : "invisible"}`}
                  >
                    {collapsed.has(id) ? "▸" : "▾"}
                  </button>
                  <button
                    type="button"
                    onClick={() => router.replace(`${pathname}?node=${id}`, { scroll: false })}
                    className="min-w-0 flex-1 py-1 text-left"
                  >
                    <NodeBadges node={node} />
                    <span className="block truncate text-zinc-800">{node.preview}</span>
                  </button>
                </div>
              </li>
            );
          })}
        </ul>
      </div>
    </div>
  );
}

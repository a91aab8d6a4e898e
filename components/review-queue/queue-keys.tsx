"use client";

import { PrefetchKind } from "next/dist/client/components/router-reducer/router-reducer-types";
import { useRouter } from "next/navigation";
import { useEffect } from "react";

/**
 * j / k (and n / p) move through the queue without touching the mouse. The
 * next and previous nodes are prefetched in full as soon as a node is shown,
 * so the move itself needs no round trip (decision 0039): pages render per
 * request, and the default prefetch of such a page brings only the shared
 * layout. staleTimes.static in next.config.js bounds how old a prefetched
 * node may be; a decision made since in the background shows through
 * NodeStatusBadge. The node after the next (`aheadHref`) is prefetched too,
 * so that a reviewer skipping quickly finds the next node already here when
 * pressing j right after a node shows.
 */
export function QueueKeys({
  nextHref,
  previousHref,
  aheadHref,
}: {
  nextHref: string | null;
  previousHref: string | null;
  aheadHref: string | null;
}) {
  const router = useRouter();
  useEffect(() => {
    for (const href of [nextHref, previousHref, aheadHref])
      if (href) router.prefetch(href, { kind: PrefetchKind.FULL });
  }, [router, nextHref, previousHref, aheadHref]);
  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (event.metaKey || event.ctrlKey || event.altKey) return;
      if ((event.target as HTMLElement | null)?.closest("input, textarea, select, [contenteditable=true]")) return;
      const href =
        event.key === "j" || event.key === "n"
          ? nextHref
          : event.key === "k" || event.key === "p"
            ? previousHref
            : undefined;
      if (href === undefined) return;
      event.preventDefault();
      if (href) router.push(href, { scroll: true });
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [router, nextHref, previousHref]);
  return null;
}

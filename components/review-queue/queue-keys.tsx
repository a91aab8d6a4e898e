"use client";

import { PrefetchKind } from "next/dist/client/components/router-reducer/router-reducer-types";
import { useRouter } from "next/navigation";
import { useEffect } from "react";

/**
 * j / k (and n / p) move through the queue without touching the mouse. The
 * next and previous nodes are prefetched as soon as a node is shown, so the
 * move itself needs no round trip (staleTimes.static in next.config.js bounds
 * how old a prefetched node may be; a decision refreshes them all).
 */
export function QueueKeys({ nextHref, previousHref }: { nextHref: string | null; previousHref: string | null }) {
  const router = useRouter();
  useEffect(() => {
    if (nextHref) router.prefetch(nextHref, { kind: PrefetchKind.FULL });
    if (previousHref) router.prefetch(previousHref, { kind: PrefetchKind.FULL });
  }, [router, nextHref, previousHref]);
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

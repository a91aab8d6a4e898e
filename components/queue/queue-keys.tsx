"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

/** j / k (and n / p) move through the queue without touching the mouse. */
export function QueueKeys({ nextHref, previousHref }: { nextHref: string | null; previousHref: string | null }) {
  const router = useRouter();
  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (event.metaKey || event.ctrlKey || event.altKey) return;
      if ((event.target as HTMLElement | null)?.closest("input, textarea, select, [contenteditable=true]")) return;
      const href = event.key === "j" || event.key === "n" ? nextHref : event.key === "k" || event.key === "p" ? previousHref : undefined;
      if (href === undefined) return;
      event.preventDefault();
      if (href) router.push(href, { scroll: true });
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [router, nextHref, previousHref]);
  return null;
}

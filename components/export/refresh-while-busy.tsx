"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

/** Reloads the page's server data every few seconds while an export in the list is queued or running. */
export function RefreshWhileBusy({ busy, seconds = 2 }: { busy: boolean; seconds?: number }) {
  const router = useRouter();
  useEffect(() => {
    if (!busy) return;
    const timer = setInterval(() => router.refresh(), seconds * 1000);
    return () => clearInterval(timer);
  }, [busy, seconds, router]);
  return null;
}

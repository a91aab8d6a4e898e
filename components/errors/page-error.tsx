"use client";

import { useEffect } from "react";
import { DATABASE_UNAVAILABLE } from "@/lib/routes/route-error";

const RETRY_MS = 3_000;

/**
 * What a page that failed on the server shows. A lost database has a message
 * of its own, and the page reloads by itself once /api/health says the
 * database answers again.
 */
export function PageError({ digest, reset }: { digest?: string; reset: () => void }) {
  const databaseGone = digest === DATABASE_UNAVAILABLE;
  useEffect(() => {
    if (!databaseGone) return;
    const timer = setInterval(async () => {
      const health = await fetch("/api/health", { cache: "no-store" })
        .then((response) => response.json() as Promise<{ checks?: { database?: { status?: string } } }>)
        .catch(() => null);
      if (health?.checks?.database?.status === "ok") window.location.reload();
    }, RETRY_MS);
    return () => clearInterval(timer);
  }, [databaseGone]);

  return (
    <main className="flex min-h-[60vh] items-center justify-center px-4">
      <div className="max-w-md text-center" role="alert">
        <p className="text-sm font-semibold text-zinc-500">{databaseGone ? "503" : "500"}</p>
        <h1 className="mt-1 text-xl font-semibold">
          {databaseGone ? "The database is not reachable" : "Something went wrong"}
        </h1>
        <p className="mt-2 text-sm text-zinc-600">
          {databaseGone
            ? "This page will work again when it is back; it reloads by itself."
            : "The error was logged on the server."}
        </p>
        {!databaseGone && (
          <button type="button" onClick={reset} className="mt-4 text-sm font-medium text-indigo-700 hover:underline">
            Try again
          </button>
        )}
      </div>
    </main>
  );
}

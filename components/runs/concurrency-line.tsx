import type { ConcurrencyInUse } from "@/lib/server/llm/concurrency-limits";

/** HH:MM in the reader's time zone (24-hour clock). */
function clockTime(iso: string): string {
  return new Date(iso).toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit", hour12: false });
}

const WHY: Record<string, string> = {
  rate_limited: "backed off after 429",
  server_headers: "capped by the server's rate-limit headers",
};

/** "Concurrency: 12 of 64 (backed off after 429 at 01:52)", per endpoint and model the run uses. */
export function ConcurrencyLine({ limits }: { limits: ConcurrencyInUse[] }) {
  if (limits.length === 0) return null;
  return (
    <ul className="space-y-0.5 text-xs text-slate-600" data-testid="run-concurrency">
      {limits.map((l) => {
        const why = l.backedOffAt ? (WHY[l.reason] ?? "raised again after backing off") : null;
        return (
          <li key={`${l.endpoint}|${l.model}`}>
            Concurrency: {l.limit} of {l.max}
            {limits.length > 1 ? ` for ${l.model}` : ""}
            {why && l.backedOffAt ? (
              <>
                {" "}
                ({why}
                {l.reason === "raised" ? ", last back-off at " : " at "}
                <time dateTime={l.backedOffAt} suppressHydrationWarning>
                  {clockTime(l.backedOffAt)}
                </time>
                )
              </>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}

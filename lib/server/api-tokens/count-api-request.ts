import { getPrisma } from "@/lib/server/db/prisma";

const WINDOW_MS = 60_000;

/**
 * Counts one request of a token in its fixed one-minute window, in one
 * upsert (so every app process shares the count). Over the limit: how many
 * seconds until the window ends, for Retry-After.
 */
export async function countApiRequest(options: {
  tokenId: string;
  limitPerMinute: number;
  now?: Date;
}): Promise<{ allowed: true } | { allowed: false; retryAfterSeconds: number }> {
  const now = options.now ?? new Date();
  const windowStart = new Date(Math.floor(now.getTime() / WINDOW_MS) * WINDOW_MS);
  // A window later than ours (another process's clock ahead) is kept and counted in, never moved back.
  const [row] = await getPrisma().$queryRaw<{ requests: number }[]>`
    INSERT INTO "api_rate_windows" ("token_id", "window_start", "requests")
    VALUES (${options.tokenId}::uuid, ${windowStart}, 1)
    ON CONFLICT ("token_id") DO UPDATE SET
      "requests" = CASE WHEN "api_rate_windows"."window_start" >= ${windowStart}
                        THEN "api_rate_windows"."requests" + 1 ELSE 1 END,
      "window_start" = GREATEST("api_rate_windows"."window_start", ${windowStart})
    RETURNING "requests"`;
  if (row!.requests <= options.limitPerMinute) return { allowed: true };
  const retryAfterSeconds = Math.max(1, Math.ceil((windowStart.getTime() + WINDOW_MS - now.getTime()) / 1000));
  return { allowed: false, retryAfterSeconds };
}

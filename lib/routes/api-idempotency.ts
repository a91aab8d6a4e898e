import "server-only";
import { createHash } from "node:crypto";
import {
  claimIdempotencyKey,
  releaseIdempotencyKey,
  storeIdempotentAnswer,
} from "@/lib/server/api-tokens/idempotency-keys";
import { RefusedInput, routeError } from "./define-route";

export const IDEMPOTENCY_HEADER = "idempotency-key";
export const REPLAYED_HEADER = "idempotent-replayed";
const MAX_KEY_LENGTH = 255;
/** A first request still unanswered after this long most likely died with its process. */
const ABANDONED_AFTER_MS = 10 * 60 * 1000;

/** The request's Idempotency-Key (null: none sent); 400 for one that is empty, too long or not visible ASCII. */
export function idempotencyKeyOf(request: Request): string | null {
  const key = request.headers.get(IDEMPOTENCY_HEADER);
  if (key === null) return null;
  if (key.length === 0 || key.length > MAX_KEY_LENGTH || !/^[\x21-\x7e]+$/.test(key))
    throw new RefusedInput(
      routeError(
        400,
        "INVALID",
        `The Idempotency-Key header must be 1 to ${MAX_KEY_LENGTH} visible ASCII characters (a UUID is a good key).`,
        { source: "headers", fieldErrors: { [IDEMPOTENCY_HEADER]: ["Not a valid idempotency key."] } },
      ),
    );
  return key;
}

/** JSON with object keys sorted, so the same value always gives the same text. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}

/** What makes two requests "the same": method, path and the validated query and body. */
export function requestFingerprint(request: Request, input: { query: unknown; body: unknown }): string {
  const { pathname } = new URL(request.url);
  return createHash("sha256")
    .update(canonical([request.method, pathname, input.query ?? null, input.body ?? null]))
    .digest("hex");
}

/**
 * Runs `answer` at most once per token and key (decision 0034): the first
 * request runs and its successful answer is kept for 24 h; a retry of the same
 * request gets that answer again (with `Idempotent-Replayed: true`), another
 * request with the key is refused (422), and one sent while the first still
 * runs is told to retry (409). A failed first request frees the key.
 */
export async function answerOnce(options: {
  tokenId: string;
  key: string;
  fingerprint: string;
  answer: () => Promise<Response>;
}): Promise<{ response: Response; replayed: boolean }> {
  const { tokenId, key } = options;
  const claim = await claimIdempotencyKey({ tokenId, key, fingerprint: options.fingerprint });
  if (claim.kind === "mismatch")
    return {
      response: routeError(
        422,
        "IDEMPOTENCY_KEY_REUSED",
        "This Idempotency-Key was already used with a different request in the last 24 h; send a new key for a new request.",
      ),
      replayed: false,
    };
  if (claim.kind === "in-progress") {
    const abandoned = Date.now() - claim.since.getTime() > ABANDONED_AFTER_MS;
    const response = routeError(
      409,
      "CONFLICT",
      abandoned
        ? "The first request with this Idempotency-Key never finished (the server may have stopped); check whether " +
            "it took effect before sending the request again with a new key."
        : "A request with this Idempotency-Key is still being processed; retry in a moment for its answer.",
    );
    if (!abandoned) response.headers.set("retry-after", "1");
    return { response, replayed: false };
  }
  if (claim.kind === "answered") {
    const response = new Response(claim.body, {
      status: claim.status,
      headers: { "content-type": "application/json", "cache-control": "no-store", [REPLAYED_HEADER]: "true" },
    });
    return { response, replayed: true };
  }
  let response: Response;
  try {
    response = await options.answer();
  } catch (error) {
    await releaseIdempotencyKey({ tokenId, key });
    throw error;
  }
  if (response.ok)
    await storeIdempotentAnswer({ tokenId, key, status: response.status, body: await response.clone().text() });
  else await releaseIdempotencyKey({ tokenId, key });
  return { response, replayed: false };
}

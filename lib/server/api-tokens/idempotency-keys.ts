import { getPrisma } from "@/lib/server/db/prisma";

/** How long a key's answer is kept (and the key cannot be reused for another request). */
export const IDEMPOTENCY_KEY_TTL_MS = 24 * 60 * 60 * 1000;

/** What a request with an Idempotency-Key finds (decision 0034). */
export type IdempotencyClaim =
  /** The key is new (or its last use expired): this request runs and its answer is stored. */
  | { kind: "claimed" }
  /** The same request was answered before: replay this answer. */
  | { kind: "answered"; status: number; body: string }
  /** The same request is still running (or its process died before answering; since `since`). */
  | { kind: "in-progress"; since: Date }
  /** The key was used with another request. */
  | { kind: "mismatch" };

/**
 * Claims `key` for this token and request in one statement: a new key (or an
 * expired one) is taken; a live one is read back. Concurrent requests with the
 * same key serialize on the primary key, so exactly one of them claims it.
 */
export async function claimIdempotencyKey(options: {
  tokenId: string;
  key: string;
  fingerprint: string;
  now?: Date;
}): Promise<IdempotencyClaim> {
  const prisma = getPrisma();
  const now = options.now ?? new Date();
  const expiresAt = new Date(now.getTime() + IDEMPOTENCY_KEY_TTL_MS);
  // A key that was released (its request failed) between the two statements is claimed on the next pass.
  for (let attempt = 0; attempt < 3; attempt++) {
    const claimed = await prisma.$queryRaw<{ key: string }[]>`
      INSERT INTO "api_idempotency_keys" ("token_id", "key", "fingerprint", "created_at", "expires_at")
      VALUES (${options.tokenId}::uuid, ${options.key}, ${options.fingerprint}, ${now}, ${expiresAt})
      ON CONFLICT ("token_id", "key") DO UPDATE SET
        "fingerprint" = EXCLUDED."fingerprint", "status" = NULL, "body" = NULL,
        "created_at" = EXCLUDED."created_at", "expires_at" = EXCLUDED."expires_at"
      WHERE "api_idempotency_keys"."expires_at" <= ${now}
      RETURNING "key"`;
    if (claimed.length > 0) {
      await prisma.apiIdempotencyKey.deleteMany({ where: { tokenId: options.tokenId, expiresAt: { lte: now } } });
      return { kind: "claimed" };
    }
    const row = await prisma.apiIdempotencyKey.findUnique({
      where: { tokenId_key: { tokenId: options.tokenId, key: options.key } },
    });
    if (!row) continue;
    if (row.fingerprint !== options.fingerprint) return { kind: "mismatch" };
    if (row.status === null || row.body === null) return { kind: "in-progress", since: row.createdAt };
    return { kind: "answered", status: row.status, body: row.body };
  }
  return { kind: "in-progress", since: now };
}

/** Keeps the answer of the request that claimed the key, for its retries. */
export async function storeIdempotentAnswer(options: { tokenId: string; key: string; status: number; body: string }) {
  await getPrisma().apiIdempotencyKey.updateMany({
    where: { tokenId: options.tokenId, key: options.key, status: null },
    data: { status: options.status, body: options.body },
  });
}

/** Frees the key of a request that failed (nothing was created), so it can be sent again. */
export async function releaseIdempotencyKey(options: { tokenId: string; key: string }) {
  await getPrisma().apiIdempotencyKey.deleteMany({
    where: { tokenId: options.tokenId, key: options.key, status: null },
  });
}

import type { SessionUser } from "@/lib/server/auth/current-user";
import { getPrisma } from "@/lib/server/db/prisma";
import type { ApiTokenScope } from "@/lib/validation/api-tokens";
import { hashTokenSecret, isTokenSecretShaped } from "./token-secret";

export interface AuthenticatedToken {
  id: string;
  scope: ApiTokenScope;
  /** Empty: every project the owner may reach. */
  projectIds: string[];
}

export type TokenRefusal = "missing" | "unknown" | "revoked" | "expired" | "disabled";

export type TokenAuthentication =
  { ok: true; user: SessionUser; token: AuthenticatedToken } | { ok: false; reason: TokenRefusal };

/** last_used_at is written at most this often per token, so a busy client costs no write per request. */
export const LAST_USED_RESOLUTION_MS = 60_000;

/** The secret of an `Authorization: Bearer <secret>` header, or null. */
export function bearerSecret(header: string | null): string | null {
  const match = header?.match(/^Bearer\s+(\S+)\s*$/i);
  return match ? match[1]! : null;
}

/**
 * Who a bearer secret acts as. Everything is read on every request, so a
 * revoked token, an expired one and a disabled owner are refused at once
 * (as sessions of a disabled user are).
 */
export async function authenticateApiToken(options: {
  secret: string | null;
  now?: Date;
}): Promise<TokenAuthentication> {
  const now = options.now ?? new Date();
  if (!options.secret) return { ok: false, reason: "missing" };
  if (!isTokenSecretShaped(options.secret)) return { ok: false, reason: "unknown" };
  const prisma = getPrisma();
  const token = await prisma.apiToken.findUnique({
    where: { secretHash: hashTokenSecret(options.secret) },
    include: { user: { select: { id: true, email: true, name: true, role: true, banned: true, banExpires: true } } },
  });
  if (!token) return { ok: false, reason: "unknown" };
  if (token.revokedAt) return { ok: false, reason: "revoked" };
  if (token.expiresAt && token.expiresAt <= now) return { ok: false, reason: "expired" };
  const { user } = token;
  // better-auth's own rule: a ban with an end date in the past no longer holds.
  if (user.banned && (!user.banExpires || user.banExpires > now)) return { ok: false, reason: "disabled" };
  if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
    // Conditional, so concurrent requests (or app processes) write it once.
    const stale = new Date(now.getTime() - LAST_USED_RESOLUTION_MS);
    await prisma.apiToken.updateMany({
      where: { id: token.id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lte: stale } }] },
      data: { lastUsedAt: now },
    });
  }
  return {
    ok: true,
    user: { id: user.id, email: user.email, name: user.name, role: user.role === "admin" ? "admin" : "annotator" },
    token: { id: token.id, scope: token.scope, projectIds: token.projectIds },
  };
}

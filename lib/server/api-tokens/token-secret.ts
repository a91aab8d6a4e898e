import { createHash, randomBytes } from "node:crypto";

/** Every secret starts with this, so a leaked one is easy to grep for (and for secret scanners to spot). */
export const TOKEN_PREFIX = "evs_";
/** 32 random bytes, base64url: 43 characters after the prefix. */
const SECRET_SHAPE = /^evs_[A-Za-z0-9_-]{43}$/;
/** What the UI shows of a token: enough to tell tokens apart, far too little to guess the rest. */
const VISIBLE_CHARS = TOKEN_PREFIX.length + 6;

export function generateTokenSecret(): string {
  return `${TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
}

/** Hex sha-256: the secret has 256 random bits, so a fast hash is enough (no password stretching needed). */
export function hashTokenSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

export function visiblePrefix(secret: string): string {
  return secret.slice(0, VISIBLE_CHARS);
}

export function isTokenSecretShaped(value: string): boolean {
  return SECRET_SHAPE.test(value);
}

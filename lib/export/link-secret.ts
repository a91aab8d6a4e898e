import { createHash, randomBytes } from "node:crypto";

/** 32 random bytes, base64url: what a signed link's URL carries (decision 0032). */
export function newLinkSecret(): string {
  return randomBytes(32).toString("base64url");
}

/** What the database keeps instead of the secret: a leaked table hands out no working link. */
export function hashLinkSecret(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}

/** The path of a link: the secret, then the served file's real name, so tools guess the format from it. */
export function linkPath(secret: string, fileName: string): string {
  return `/api/v1/links/${secret}/${encodeURIComponent(fileName)}`;
}

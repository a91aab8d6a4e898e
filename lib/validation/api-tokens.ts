import { z } from "zod";

export const API_TOKEN_SCOPES = ["read", "write"] as const;
export type ApiTokenScope = (typeof API_TOKEN_SCOPES)[number];

/** A token may be limited to at most this many projects (more is a sign of a mistake: leave it unlimited). */
export const MAX_TOKEN_PROJECTS = 100;

export const createApiTokenSchema = z.object({
  name: z.string().trim().min(1, "Give the token a name.").max(100, "Keep the name under 100 characters."),
  scope: z.enum(API_TOKEN_SCOPES, { error: "Choose read or write." }),
  /** null: the token never expires. */
  expiresAt: z.coerce
    .date({ error: "Enter a valid expiry date." })
    .nullable()
    .refine((date) => date === null || date.getTime() > Date.now(), "The expiry must be in the future."),
  /** Empty: every project the owner may reach. */
  projectIds: z
    .array(z.uuid("Unknown project."))
    .max(MAX_TOKEN_PROJECTS, `At most ${MAX_TOKEN_PROJECTS} projects; leave it empty for all of them.`)
    .default([]),
});

export const revokeApiTokenSchema = z.object({ tokenId: z.uuid("Unknown token.") });

import { z } from "zod";
import { EXPORT_FILES } from "./export";

/** How long a new link lasts, in days: the choices the share dialog offers, the default, and the most allowed. */
export const LINK_DAY_CHOICES = [1, 7, 30, 90] as const;
export const DEFAULT_LINK_DAYS = 7;
export const MAX_LINK_DAYS = 90;

export const createExportLinkSchema = z.object({
  projectId: z.uuid("Unknown project."),
  exportId: z.uuid("Unknown export."),
  days: z.coerce
    .number("Choose how long the link lasts.")
    .int("Choose a whole number of days.")
    .min(1, "A link lasts at least a day.")
    .max(MAX_LINK_DAYS, `A link lasts at most ${MAX_LINK_DAYS} days.`)
    .default(DEFAULT_LINK_DAYS),
});

export const listExportLinksSchema = z.object({
  projectId: z.uuid("Unknown project."),
  exportId: z.uuid("Unknown export."),
});

export const revokeExportLinkSchema = z.object({
  projectId: z.uuid("Unknown project."),
  linkId: z.uuid("Unknown link."),
});

/** A link's secret as newLinkSecret writes it: 32 bytes, base64url (lib/export/link-secret.ts). */
export const LINK_SECRET_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** The public link route's segments and query: anything else is answered like an unknown link. */
export const linkParamsSchema = z.object({
  secret: z.string().regex(LINK_SECRET_PATTERN),
  fileName: z.string().min(1).max(300),
});
export const linkQuerySchema = z.object({ file: z.enum(EXPORT_FILES).optional() });

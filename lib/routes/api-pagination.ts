import { z } from "zod";

export const MAX_PAGE_SIZE = 200;
export const DEFAULT_PAGE_SIZE = 50;

/** Where a page of a list ordered by (created_at, id), newest first, ends. */
export interface PageCursor {
  createdAt: Date;
  id: string;
}

/** Opaque to clients: base64url of the last row's (createdAt, id). */
export function encodeCursor(cursor: PageCursor): string {
  return Buffer.from(JSON.stringify([cursor.createdAt.toISOString(), cursor.id])).toString("base64url");
}

const cursorSchema = z
  .string()
  .max(200, "Not a cursor of this API.")
  .transform((raw, ctx): PageCursor => {
    try {
      const [at, id] = z
        .tuple([z.iso.datetime(), z.uuid()])
        .parse(JSON.parse(Buffer.from(raw, "base64url").toString("utf8")));
      return { createdAt: new Date(at), id };
    } catch {
      ctx.addIssue({ code: "custom", message: "Not a cursor of this API; pass the next_cursor of the page before." });
      return z.NEVER;
    }
  });

/** `?limit=&cursor=` of every list endpoint. */
export const pageQuerySchema = z.object({
  limit: z.coerce
    .number({ error: "limit must be a number." })
    .int("limit must be a whole number.")
    .min(1, "limit must be 1 or more.")
    .max(MAX_PAGE_SIZE, `limit must be at most ${MAX_PAGE_SIZE}.`)
    .default(DEFAULT_PAGE_SIZE)
    .describe("How many items the page holds."),
  cursor: cursorSchema.optional().describe("The next_cursor of the page before; none for the first page."),
});

/**
 * The response of a list endpoint from up to limit + 1 rows (the extra one
 * only says there is a next page): `{ data, next_cursor }`.
 */
export function pageOf<R extends PageCursor, T>(rows: R[], limit: number, toJson: (row: R) => T) {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { data: page.map(toJson), next_cursor: rows.length > limit && last ? encodeCursor(last) : null };
}

/** The schema of a page of `item`s, for the OpenAPI document. */
export function pageSchema<S extends z.ZodType>(item: S) {
  return z.object({ data: z.array(item), next_cursor: z.string().nullable() });
}

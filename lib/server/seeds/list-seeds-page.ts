import type { PageCursor } from "@/lib/routes/api-pagination";
import { getPrisma } from "@/lib/server/db/prisma";
import { SEED_ROW_COLUMNS, seedSearchWhere, toSeedRow, type SeedRow, type SeedSqlRow } from "./list-seeds";

/**
 * Seeds as the Seeds page lists them (same search, same clipped texts, same
 * order: newest import first, then by id), a page after `after` (keyset, for
 * the API's cursors). Fetches `limit` rows (ask one more to learn whether a
 * next page exists).
 */
export async function listSeedsPage(options: {
  projectId: string;
  query?: string;
  after: PageCursor | null;
  limit: number;
}): Promise<SeedRow[]> {
  const where = seedSearchWhere(options.projectId, options.query?.trim() ?? "");
  const afterAt = options.after?.createdAt ?? null;
  const afterId = options.after?.id ?? null;
  const rows = await getPrisma().$queryRaw<SeedSqlRow[]>`
    SELECT ${SEED_ROW_COLUMNS}
    FROM nodes WHERE ${where}
      AND (${afterAt}::timestamp IS NULL OR created_at < ${afterAt}::timestamp
           OR (created_at = ${afterAt}::timestamp AND id > ${afterId}::uuid))
    ORDER BY created_at DESC, id ASC LIMIT ${options.limit}`;
  return rows.map(toSeedRow);
}

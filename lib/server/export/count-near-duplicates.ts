import { Prisma } from "@/lib/generated/prisma/client";
import { NearDuplicateFilter, nearDuplicateText } from "@/lib/export/near-duplicates";
import { getPrisma } from "@/lib/server/db/prisma";
import type { ExportSelection } from "@/lib/validation/export";
import { EXPORT_PAGE_SIZE } from "./read-export-records";
import { selectionWhere } from "./selection-where";
import { BLANK } from "./count-export";

/**
 * How many records near-duplicate removal would drop from this selection:
 * the same filter over the same texts in the same order as the export
 * (records without an answer are never written, so never compared), reading
 * only the instruction and input, page by page. `signal` stops it between
 * pages (it then throws the signal's reason).
 */
export async function countNearDuplicates(options: {
  projectId: string;
  selection: ExportSelection;
  threshold: number;
  signal?: AbortSignal;
}): Promise<number> {
  const where = selectionWhere(options.projectId, options.selection);
  const filter = new NearDuplicateFilter({ threshold: options.threshold });
  const prisma = getPrisma();
  let after: string | null = null;
  let removed = 0;
  for (;;) {
    options.signal?.throwIfAborted();
    const keyset: Prisma.Sql = after ? Prisma.sql`AND n.id > ${after}::uuid` : Prisma.empty;
    const rows: { id: string; instruction: string; input: string }[] = await prisma.$queryRaw(Prisma.sql`
      SELECT n.id::text AS id, n.instruction, n.input FROM nodes n
      WHERE ${where} AND n.output IS NOT NULL AND n.output !~ ${BLANK} ${keyset}
      ORDER BY n.id LIMIT ${EXPORT_PAGE_SIZE}`);
    for (const row of rows) if (filter.isDuplicate(nearDuplicateText(row))) removed++;
    if (rows.length < EXPORT_PAGE_SIZE) return removed;
    after = rows[rows.length - 1].id;
  }
}

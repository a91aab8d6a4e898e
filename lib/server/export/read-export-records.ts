import { Prisma } from "@/lib/generated/prisma/client";
import type { ExportRecord } from "@/lib/export/types";
import type { SqlClient } from "@/lib/server/db/direct-sql";
import type { ExportSelection } from "@/lib/validation/export";
import { selectionWhere } from "./selection-where";

export const EXPORT_PAGE_SIZE = 2_000;

/** What the reader needs of a database handle: directSql() in a process, a plain pg connection in the export thread. */
export type PageSource = Pick<SqlClient, "$queryRaw">;

interface RecordRow {
  id: string;
  root_id: string;
  parent_id: string | null;
  round: number;
  operation: string | null;
  instruction: string;
  input: string;
  output: string | null;
  verdict: ExportRecord["verdict"];
  failed_rules: string[];
  human_status: ExportRecord["humanStatus"];
  reviewers: string[] | null;
  reviewer_names: string[] | null;
  difficulty: number | null;
}

/**
 * The selected nodes as export records, read in keyset pages (id order, so
 * parents come before their children): memory stays at one page however
 * large the project. Reviewers are the people with standing (not revoked)
 * decisions, each once, in the order of their first decision: by email (who
 * they are), with their display names beside. Pages go through `pg` itself
 * (decision 0046): Prisma's client is not needed to read them, and the export
 * thread does without one.
 */
export async function* readExportRecords(options: {
  projectId: string;
  selection: ExportSelection;
  pageSize?: number;
  /** Where pages are read: directSql() (Prisma's pool) unless given. */
  db?: PageSource;
  /** Called after each page with the number of records read so far. */
  onPage?: (read: number) => void | Promise<void>;
}): AsyncGenerator<ExportRecord> {
  const pageSize = options.pageSize ?? EXPORT_PAGE_SIZE;
  const where = selectionWhere(options.projectId, options.selection);
  // Loaded here, not at the top: the export thread passes its own connection and loads no Prisma client module.
  const db = options.db ?? (await import("@/lib/server/db/direct-sql")).directSql();
  let after: string | null = null;
  let read = 0;
  for (;;) {
    const keyset: Prisma.Sql = after ? Prisma.sql`AND n.id > ${after}::uuid` : Prisma.empty;
    const rows: RecordRow[] = await db.$queryRaw<RecordRow[]>(Prisma.sql`
      SELECT n.id::text, n.root_id::text, n.parent_id::text, n.round, n.operation::text AS operation,
             n.instruction, n.input, n.output, n.verdict::text AS verdict, n.failed_rules,
             n.human_status::text AS human_status, n.difficulty, rv.reviewers, rv.reviewer_names
      FROM nodes n
      LEFT JOIN LATERAL (
        SELECT array_agg(x.email ORDER BY x.first_at, x.email) AS reviewers,
               array_agg(x.name ORDER BY x.first_at, x.email) AS reviewer_names
          FROM (SELECT u.email, COALESCE(NULLIF(u.name, ''), u.email) AS name, min(r.created_at) AS first_at
                  FROM reviews r JOIN users u ON u.id = r.reviewer_id
                 WHERE r.node_id = n.id AND r.revoked_at IS NULL
                 GROUP BY u.id, u.name, u.email) x) rv ON true
      WHERE ${where} ${keyset}
      ORDER BY n.id
      LIMIT ${pageSize}`);
    for (const r of rows) {
      yield {
        id: r.id,
        rootId: r.root_id,
        parentId: r.parent_id,
        round: r.round,
        operation: r.operation,
        instruction: r.instruction,
        input: r.input,
        output: r.output,
        verdict: r.verdict,
        failedRules: r.failed_rules,
        humanStatus: r.human_status,
        reviewers: r.reviewers ?? [],
        reviewerNames: r.reviewer_names ?? [],
        difficulty: r.difficulty,
      };
    }
    read += rows.length;
    await options.onPage?.(read);
    if (rows.length < pageSize) return;
    after = rows[rows.length - 1].id;
  }
}

import { Prisma } from "@/lib/generated/prisma/client";
import { likeLiteral } from "@/lib/server/db/like-literal";
import { getPrisma } from "@/lib/server/db/prisma";
import { PREVIEW_CHARS } from "@/lib/text/text-limits";

export const SEED_PAGE_SIZE = 50;

/** One seed as the project page lists it: each text clipped to PREVIEW_CHARS, with its full length. */
export interface SeedRow {
  id: string;
  instruction: string;
  instructionLength: number;
  input: string;
  output: string | null;
  /** The metadata keys the list shows as badges (a seed's metadata can be large too). */
  metadata: Record<string, unknown>;
  createdAt: Date;
}

const BADGE_KEYS = ["skill", "difficulty", "name", "is_classification"];

export interface SeedSqlRow {
  id: string;
  instruction: string;
  instruction_length: number;
  input: string;
  output: string | null;
  metadata: Record<string, unknown> | null;
  created_at: Date;
}

/** A project's seeds matching the Seeds page's search (part of the instruction or input, any case). */
export function seedSearchWhere(projectId: string, query: string): Prisma.Sql {
  const conditions = [Prisma.sql`project_id = ${projectId}::uuid`, Prisma.sql`parent_id IS NULL`];
  if (query) {
    const pattern = `%${likeLiteral(query)}%`;
    conditions.push(Prisma.sql`(instruction ILIKE ${pattern} OR input ILIKE ${pattern})`);
  }
  return Prisma.join(conditions, " AND ");
}

const badges = Prisma.join(BADGE_KEYS.map((k) => Prisma.sql`${k}::text, metadata->${k}`));

/** What a seed list row reads: texts cut in SQL, so a 30 MB seed costs a list what a short one does. */
export const SEED_ROW_COLUMNS = Prisma.sql`id::text, left(instruction, ${PREVIEW_CHARS}::int) AS instruction,
  length(instruction)::int AS instruction_length, left(input, ${PREVIEW_CHARS}::int) AS input,
  left(output, ${PREVIEW_CHARS}::int) AS output, jsonb_strip_nulls(jsonb_build_object(${badges})) AS metadata,
  created_at`;

export function toSeedRow(r: SeedSqlRow): SeedRow {
  return {
    id: r.id,
    instruction: r.instruction,
    instructionLength: r.instruction_length,
    input: r.input,
    output: r.output,
    metadata: r.metadata ?? {},
    createdAt: r.created_at,
  };
}

/**
 * One page of a project's seeds, newest import first, filtered by a text
 * search. Texts are cut in SQL: a 30 MB seed costs a list what a short one does.
 */
export async function listSeeds(options: { projectId: string; query?: string; page?: number; pageSize?: number }) {
  const pageSize = options.pageSize ?? SEED_PAGE_SIZE;
  const query = options.query?.trim() ?? "";
  const where = seedSearchWhere(options.projectId, query);
  const prisma = getPrisma();
  const [{ total }] = await prisma.$queryRaw<
    { total: number }[]
  >`SELECT count(*)::int AS total FROM nodes WHERE ${where}`;
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(Math.max(1, options.page ?? 1), pageCount);
  const rows = await prisma.$queryRaw<SeedSqlRow[]>`
    SELECT ${SEED_ROW_COLUMNS}
    FROM nodes WHERE ${where}
    ORDER BY created_at DESC, id ASC OFFSET ${(page - 1) * pageSize} LIMIT ${pageSize}`;
  const items = rows.map(toSeedRow);
  return { items, total, page, pageCount, pageSize, query };
}

import type { Prisma } from "@/lib/generated/prisma/client";
import { likeLiteral } from "@/lib/server/db/like-literal";
import { getPrisma } from "@/lib/server/db/prisma";

export const SEED_PAGE_SIZE = 50;

export interface SeedRow {
  id: string;
  instruction: string;
  input: string;
  output: string | null;
  metadata: Record<string, unknown>;
  createdAt: Date;
}

/** One page of a project's seeds, newest import first, filtered by a text search. */
export async function listSeeds(options: { projectId: string; query?: string; page?: number; pageSize?: number }) {
  const pageSize = options.pageSize ?? SEED_PAGE_SIZE;
  const query = options.query?.trim() ?? "";
  const where: Prisma.NodeWhereInput = { projectId: options.projectId, parentId: null };
  if (query) {
    const literal = likeLiteral(query);
    where.OR = [
      { instruction: { contains: literal, mode: "insensitive" } },
      { input: { contains: literal, mode: "insensitive" } },
    ];
  }
  const prisma = getPrisma();
  const total = await prisma.node.count({ where });
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(Math.max(1, options.page ?? 1), pageCount);
  const rows = await prisma.node.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    skip: (page - 1) * pageSize,
    take: pageSize,
    select: { id: true, instruction: true, input: true, output: true, metadata: true, createdAt: true },
  });
  const items: SeedRow[] = rows.map((r) => ({ ...r, metadata: (r.metadata ?? {}) as Record<string, unknown> }));
  return { items, total, page, pageCount, pageSize, query };
}

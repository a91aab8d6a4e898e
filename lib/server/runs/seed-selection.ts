import type { Prisma } from "@/lib/generated/prisma/client";
import { likeLiteral } from "@/lib/server/db/like-literal";

/** Which seeds a run starts from: all of a project's seeds, or those matching a text filter. */
export function seedWhere(options: { projectId: string; query?: string }): Prisma.NodeWhereInput {
  const where: Prisma.NodeWhereInput = {
    projectId: options.projectId,
    parentId: null,
    humanStatus: { not: "rejected" },
  };
  const query = options.query?.trim();
  if (query) {
    const literal = likeLiteral(query);
    where.OR = [
      { instruction: { contains: literal, mode: "insensitive" } },
      { input: { contains: literal, mode: "insensitive" } },
    ];
  }
  return where;
}

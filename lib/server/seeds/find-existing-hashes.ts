import type { Prisma } from "@/lib/generated/prisma/client";
import { getPrisma } from "@/lib/server/db/prisma";

const CHUNK = 10_000;

/** Which of these content hashes a project's seeds already have. */
export async function findExistingSeedHashes(options: {
  projectId: string;
  hashes: string[];
  db?: Pick<Prisma.TransactionClient, "$queryRaw">;
}): Promise<Set<string>> {
  const db = options.db ?? getPrisma();
  const found = new Set<string>();
  for (let i = 0; i < options.hashes.length; i += CHUNK) {
    const chunk = options.hashes.slice(i, i + CHUNK);
    const rows = await db.$queryRaw<{ content_hash: string }[]>`
      SELECT content_hash FROM nodes
      WHERE project_id = ${options.projectId}::uuid AND parent_id IS NULL
        AND content_hash = ANY(${chunk}::text[])`;
    for (const row of rows) found.add(row.content_hash);
  }
  return found;
}

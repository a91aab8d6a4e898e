import type { Prisma } from "@/lib/generated/prisma/client";
import type { ParsedSeed } from "@/lib/seeds/parse-seed-file";
import { uuid7 } from "@/lib/server/db/uuid7";

const CHUNK = 5_000;

/** Bulk insert of root nodes: one `unnest` statement per chunk instead of a row each. */
export async function insertSeedRows(options: {
  tx: Prisma.TransactionClient;
  projectId: string;
  importId: string;
  seeds: ParsedSeed[];
}): Promise<void> {
  const { tx, projectId, importId } = options;
  for (let i = 0; i < options.seeds.length; i += CHUNK) {
    const chunk = options.seeds.slice(i, i + CHUNK);
    const ids = chunk.map(() => uuid7());
    await tx.$executeRaw`
      INSERT INTO nodes (id, project_id, root_id, round, instruction, input, output, metadata, content_hash, import_id, verdict)
      SELECT t.id, ${projectId}::uuid, t.id, 0, t.instruction, t.input, t.output, t.metadata, t.content_hash, ${importId}::uuid, 'passed'
      FROM unnest(
        ${ids}::uuid[], ${chunk.map((s) => s.instruction)}::text[], ${chunk.map((s) => s.input)}::text[],
        ${chunk.map((s) => s.output)}::text[], ${chunk.map((s) => JSON.stringify(s.metadata))}::jsonb[],
        ${chunk.map((s) => s.contentHash)}::text[]
      ) AS t(id, instruction, input, output, metadata, content_hash)`;
  }
}

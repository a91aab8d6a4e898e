import { Prisma } from "@/lib/generated/prisma/client";
import { getPrisma } from "@/lib/server/db/prisma";
import { NotFoundError } from "@/lib/server/errors";
import { TEXT_CHUNK_CHARS } from "@/lib/text/text-limits";
import type { TextChunkQuery } from "@/lib/validation/review";

const COLUMNS = { instruction: "instruction", input: "input", output: "output", rawReply: "raw_reply" } as const;

/**
 * Characters [offset, offset + TEXT_CHUNK_CHARS) of one text of a node, for
 * the node view's "Show all": a long text arrives chunk by chunk instead of
 * in the page. Offsets count characters, as Postgres's substr does.
 */
export async function readTextChunk(options: { projectId: string; nodeId: string } & TextChunkQuery) {
  const column = Prisma.raw(COLUMNS[options.field]);
  const rows = await getPrisma().$queryRaw<{ text: string | null; length: number | null }[]>`
    SELECT substr(${column}, ${options.offset + 1}::int, ${TEXT_CHUNK_CHARS}::int) AS text,
           length(${column})::int AS length
    FROM nodes WHERE id = ${options.nodeId}::uuid AND project_id = ${options.projectId}::uuid`;
  if (!rows.length) throw new NotFoundError("No such node in this project.");
  const { text, length } = rows[0];
  const total = length ?? 0;
  const chunk = text ?? "";
  const end = Math.min(total, options.offset + TEXT_CHUNK_CHARS);
  return { field: options.field, offset: options.offset, end, length: total, text: chunk, done: end >= total };
}

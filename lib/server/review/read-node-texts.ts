import { getPrisma } from "@/lib/server/db/prisma";
import { Prisma } from "@/lib/generated/prisma/client";
import { NODE_TEXT_HEAD, NODE_TEXT_LIMIT } from "@/lib/text/text-limits";

interface TextsRow {
  instruction: string;
  instruction_length: number;
  input: string;
  input_length: number;
  output: string | null;
  output_length: number | null;
  raw_reply: string | null;
  raw_reply_length: number | null;
  parent_instruction: string | null;
  parent_instruction_length: number | null;
}

/** Full lengths, in characters, of a node's texts (null: the text is missing). */
export interface NodeTextLengths {
  instruction: number;
  input: number;
  output: number | null;
  rawReply: number | null;
  parentInstruction: number | null;
}

/** A text whole up to NODE_TEXT_LIMIT characters, else its first NODE_TEXT_HEAD: cut in SQL, so never read whole. */
const shown = (column: string) =>
  Prisma.sql`CASE WHEN length(${Prisma.raw(column)}) > ${NODE_TEXT_LIMIT}::int
    THEN left(${Prisma.raw(column)}, ${NODE_TEXT_HEAD}::int) ELSE ${Prisma.raw(column)} END`;

/** A node's texts and its parent's instruction as the node view shows them (see `shown`), and their full lengths. */
export async function readNodeTexts(options: { nodeId: string }) {
  const [row] = await getPrisma().$queryRaw<TextsRow[]>`
    SELECT ${shown("n.instruction")} AS instruction, length(n.instruction)::int AS instruction_length,
           ${shown("n.input")} AS input, length(n.input)::int AS input_length,
           ${shown("n.output")} AS output, length(n.output)::int AS output_length,
           ${shown("n.raw_reply")} AS raw_reply, length(n.raw_reply)::int AS raw_reply_length,
           ${shown("p.instruction")} AS parent_instruction, length(p.instruction)::int AS parent_instruction_length
    FROM nodes n LEFT JOIN nodes p ON p.id = n.parent_id WHERE n.id = ${options.nodeId}::uuid`;
  const lengths: NodeTextLengths = {
    instruction: row.instruction_length,
    input: row.input_length,
    output: row.output_length,
    rawReply: row.raw_reply_length,
    parentInstruction: row.parent_instruction_length,
  };
  return {
    instruction: row.instruction,
    input: row.input,
    output: row.output,
    rawReply: row.raw_reply,
    parentInstruction: row.parent_instruction,
    lengths,
  };
}

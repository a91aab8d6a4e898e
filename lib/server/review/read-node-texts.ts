import { getPrisma } from "@/lib/server/db/prisma";
import { NODE_TEXT_HEAD } from "@/lib/text/text-limits";

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

/** A node's texts and its parent's instruction, each cut to its first `head` characters in SQL, and their lengths. */
export async function readNodeTexts(options: { nodeId: string; head?: number }) {
  const head = options.head ?? NODE_TEXT_HEAD;
  const [row] = await getPrisma().$queryRaw<TextsRow[]>`
    SELECT left(n.instruction, ${head}::int) AS instruction, length(n.instruction)::int AS instruction_length,
           left(n.input, ${head}::int) AS input, length(n.input)::int AS input_length,
           left(n.output, ${head}::int) AS output, length(n.output)::int AS output_length,
           left(n.raw_reply, ${head}::int) AS raw_reply, length(n.raw_reply)::int AS raw_reply_length,
           left(p.instruction, ${head}::int) AS parent_instruction,
           length(p.instruction)::int AS parent_instruction_length
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

import { Prisma } from "@/lib/generated/prisma/client";
import { signatureOfText } from "@/lib/evolution/duplicate-rule";
import { readVerbObject } from "@/lib/text/verb-object";
import { getPrisma } from "@/lib/server/db/prisma";

export interface NodeText {
  id: string;
  project_id: string;
  round: number;
  instruction: string;
  input: string;
  content_hash: string;
}

/** The stored form of a signature: its 128 uint32 minima, little-endian. */
export function signatureBytes(sig: Uint32Array): Uint8Array {
  const bytes = new Uint8Array(sig.length * 4);
  const view = new DataView(bytes.buffer);
  sig.forEach((v, i) => view.setUint32(i * 4, v, true));
  return bytes;
}

export function signatureOf(bytes: Uint8Array): Uint32Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return Uint32Array.from({ length: bytes.byteLength / 4 }, (_, i) => view.getUint32(i * 4, true));
}

/**
 * Computes and stores the diversity row of each given node (replacing one
 * computed from older text). Parsing takes well under a millisecond per
 * instruction once wink's model is loaded (BENCHMARKS.md).
 */
export async function cacheNodeDiversity(options: { nodeIds: string[] }): Promise<number> {
  if (options.nodeIds.length === 0) return 0;
  const prisma = getPrisma();
  const nodes = await prisma.$queryRaw<NodeText[]>`
    SELECT id, project_id, round, instruction, input, content_hash FROM nodes WHERE id = ANY(${options.nodeIds}::uuid[])`;
  return storeNodeDiversity(nodes);
}

/** What a node's diversity row holds of its text: the root verb and its object, and the MinHash signature (base64). */
export interface DiversityFields {
  verb: string | null;
  object: string | null;
  signature: string;
}

export function diversityFieldsOf(
  text: { instruction: string; input: string },
  signature = signatureOfText(text),
): DiversityFields {
  return {
    ...readVerbObject(text.instruction),
    signature: Buffer.from(signatureBytes(signature)).toString("base64"),
  };
}

/** Computes and stores the diversity rows of nodes whose text the caller has in hand (no read of the nodes). */
export async function storeNodeDiversity(nodes: NodeText[]): Promise<number> {
  if (nodes.length === 0) return 0;
  const prisma = getPrisma();
  const rows = nodes.map((n) => ({ ...n, ...diversityFieldsOf(n) }));
  await prisma.$executeRaw`
    INSERT INTO node_diversity (node_id, project_id, round, content_hash, verb, object, signature)
    SELECT t.id, t.project_id, t.round, t.content_hash, t.verb, t.object, decode(t.signature, 'base64')
    FROM unnest(${rows.map((r) => r.id)}::uuid[], ${rows.map((r) => r.project_id)}::uuid[], ${rows.map((r) => r.round)}::int[],
                ${rows.map((r) => r.content_hash)}::text[], ${rows.map((r) => r.verb)}::text[], ${rows.map((r) => r.object)}::text[],
                ${rows.map((r) => r.signature)}::text[])
      AS t(id, project_id, round, content_hash, verb, object, signature)
    ON CONFLICT (node_id) DO UPDATE
      SET content_hash = EXCLUDED.content_hash, verb = EXCLUDED.verb, object = EXCLUDED.object, signature = EXCLUDED.signature`;
  return rows.length;
}

/**
 * The diversity fields of a node an evolution step is about to store, written
 * with the node (complete-step.ts). The cache can always be rebuilt from the
 * node (the diversity job backfills what is missing), so a text the parser
 * fails on is logged and stored without its row rather than failing the step.
 */
export function diversityFieldsForNewNode(
  text: { instruction: string; input: string },
  signature?: Uint32Array,
): DiversityFields | null {
  try {
    return diversityFieldsOf(text, signature);
  } catch (error) {
    console.error(`[diversity] a new node's text: ${error instanceof Error ? error.message : String(error)}`);
    return null;
  }
}

/**
 * Nodes of the project after `after` (by id) without a current diversity row:
 * none, or one computed before an edit. Walking the ids forward makes a
 * backfill one pass over the project, not a scan per batch.
 */
async function nodesToCache(options: { projectId: string; after: string | null; limit: number }): Promise<string[]> {
  const after = options.after ? Prisma.sql`AND n.id > ${options.after}::uuid` : Prisma.empty;
  const rows = await getPrisma().$queryRaw<{ id: string }[]>`
    SELECT n.id FROM nodes n LEFT JOIN node_diversity d ON d.node_id = n.id
    WHERE n.project_id = ${options.projectId}::uuid ${after}
      AND (d.node_id IS NULL OR d.content_hash <> n.content_hash)
    ORDER BY n.id
    LIMIT ${options.limit}`;
  return rows.map((r) => r.id);
}

/**
 * Fills the rows older nodes lack, in batches of `batchSize`, at most
 * `maxBatches` of them; returns how many nodes it cached.
 */
export async function backfillNodeDiversity(options: {
  projectId: string;
  batchSize?: number;
  maxBatches?: number;
}): Promise<number> {
  const batchSize = options.batchSize ?? 1_000;
  let cached = 0;
  let after: string | null = null;
  for (let batch = 0; batch < (options.maxBatches ?? Infinity); batch++) {
    const ids = await nodesToCache({ projectId: options.projectId, after, limit: batchSize });
    cached += await cacheNodeDiversity({ nodeIds: ids });
    if (ids.length < batchSize) break;
    after = ids.at(-1)!;
  }
  return cached;
}

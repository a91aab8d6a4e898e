import { Prisma } from "@/lib/generated/prisma/client";
import type { SqlClient } from "@/lib/server/db/direct-sql";
import { HASH_LOCK, MAX_SIBLINGS, type DuplicateEvidenceRow } from "./judge-duplicate";
import { SIBLINGS_LOCK } from "./sibling-lock";

/** A step of a batch that the duplicate rule compares with the project (judge-duplicate.ts's isJudged). */
export interface DuplicateCandidate {
  projectId: string;
  runId: string;
  parentId: string;
  stepKey: string;
  instruction: string;
  input: string;
}

/**
 * The locks of a batch of steps stored together (complete-steps-together.ts), and what the duplicate rule reads
 * under them for each of its candidates. The locks are judge-duplicate.ts's and sibling-lock.ts's, taken as a
 * single step takes them: every siblings' lock before any hash lock, each kind in the order of its key, so that
 * batches and single steps in any number of processes wait for one another without a cycle. Then, in a
 * statement of its own (which sees what was committed before the locks were granted), the evidence of every
 * candidate as judge-duplicate.ts reads it for one. The caller keeps one step per family and per text in a
 * batch: two candidates with the same hash would each miss the other, so that is refused here.
 */
export async function lockAndReadDuplicates(
  tx: SqlClient,
  options: { siblingKeys: string[]; candidates: DuplicateCandidate[] },
): Promise<DuplicateEvidenceRow[][]> {
  const { siblingKeys, candidates } = options;
  if (siblingKeys.length === 0 && candidates.length === 0) return [];
  const index = candidates.map((_, i) => i);
  const hashes = await tx.$queryRaw<{ i: number; hash: string }[]>`
    WITH siblings AS MATERIALIZED (
           SELECT count(pg_advisory_xact_lock(${SIBLINGS_LOCK}::int, k)) AS locked
           FROM (SELECT DISTINCT hashtext(key) AS k FROM unnest(${siblingKeys}::text[]) AS key ORDER BY 1) AS keys),
         h AS MATERIALIZED (
           SELECT c.i, c.project, nodes_duplicate_hash(c.instruction, c.input) AS hash
           FROM siblings, unnest(${index}::int[], ${candidates.map((c) => c.projectId)}::text[],
                                 ${candidates.map((c) => c.instruction)}::text[], ${candidates.map((c) => c.input)}::text[])
                AS c(i, project, instruction, input)),
         locked AS MATERIALIZED (
           SELECT count(pg_advisory_xact_lock(${HASH_LOCK}::int, k)) AS locked
           FROM (SELECT DISTINCT hashtext(project || ':' || hash) AS k FROM h ORDER BY 1) AS keys)
    SELECT h.i, h.hash FROM h, locked`;
  if (candidates.length === 0) return [];
  const hashOf = new Array<string>(candidates.length);
  for (const { i, hash } of hashes) hashOf[i] = hash;
  const texts = new Set(candidates.map((c, i) => `${c.projectId}:${hashOf[i]}`));
  if (texts.size < candidates.length) throw new Error("two steps of one batch have the same text");
  const rows = await tx.$queryRaw<(DuplicateEvidenceRow & { i: number })[]>`
    SELECT c.i, r.kind, r.id, r.instruction, r.input
    FROM unnest(${index}::int[], ${candidates.map((c) => c.projectId)}::uuid[], ${hashOf}::text[],
                ${candidates.map((c) => c.parentId)}::uuid[], ${candidates.map((c) => c.runId)}::uuid[],
                ${candidates.map((c) => c.stepKey)}::text[]) AS c(i, project_id, hash, parent_id, run_id, step_key)
    CROSS JOIN LATERAL (
      (SELECT 'identical' AS kind, n.id::text AS id, '' AS instruction, '' AS input FROM nodes n
        WHERE n.project_id = c.project_id AND n.duplicate_hash = c.hash AND n.step_key IS DISTINCT FROM c.step_key
        ORDER BY n.id LIMIT 1)
      UNION ALL
      SELECT 'parent', n.id::text, n.instruction, n.input FROM nodes n WHERE n.id = c.parent_id
      UNION ALL
      (SELECT 'sibling', n.id::text, n.instruction, n.input FROM nodes n
        WHERE n.parent_id = c.parent_id AND n.run_id = c.run_id AND n.step_key <> c.step_key
        ORDER BY n.id LIMIT ${Prisma.raw(String(MAX_SIBLINGS))})) AS r`;
  const evidence = candidates.map((): DuplicateEvidenceRow[] => []);
  for (const { i, ...row } of rows) evidence[i].push(row);
  return evidence;
}

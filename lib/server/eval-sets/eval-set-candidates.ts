import { Prisma } from "@/lib/generated/prisma/client";
import { bucketOf, skillOf, type DifficultyBucket } from "@/lib/eval-sets/difficulty-buckets";
import type { Candidate } from "@/lib/eval-sets/stratified-sample";
import { getPrisma } from "@/lib/server/db/prisma";
import { BLANK } from "@/lib/server/export/count-export";

type Db = Pick<Prisma.TransactionClient, "$queryRaw">;

/**
 * Which nodes an evaluation set may draw: accepted evolved nodes with a
 * difficulty score and an answer (a test item needs its reference answer;
 * every export format leaves unanswered nodes out). Seeds are not drawn:
 * they are what training grows from, not what it is tested on.
 */
function candidateWhere(projectId: string): Prisma.Sql {
  return Prisma.sql`n.project_id = ${projectId}::uuid AND n.parent_id IS NOT NULL
    AND n.human_status = 'accepted' AND n.difficulty IS NOT NULL
    AND n.output IS NOT NULL AND n.output !~ ${BLANK}`;
}

/** The candidates themselves; `db` is the transaction a build draws in. */
export async function listEvalSetCandidates(options: { db: Db; projectId: string }): Promise<Candidate[]> {
  const { db, projectId } = options;
  const rows = await db.$queryRaw<{ id: string; difficulty: number; root_skill: string | null }[]>(Prisma.sql`
    SELECT n.id, n.difficulty, n.root_skill FROM nodes n WHERE ${candidateWhere(projectId)}`);
  return rows.flatMap((r) => {
    const bucket = bucketOf(r.difficulty);
    return bucket ? [{ id: r.id, bucket, skill: skillOf(r.root_skill) }] : [];
  });
}

export interface AvailableCounts {
  /** Skills with candidates, sorted; NO_SKILL for seeds without one. */
  skills: string[];
  /** Candidates per bucket and skill (absent: none). */
  counts: Record<DifficultyBucket, Record<string, number>>;
  totals: Record<DifficultyBucket, number>;
}

/** How many candidates each difficulty bucket holds per seed skill: one aggregate, grouped by score and skill. */
export async function countEvalSetCandidates(options: { projectId: string }): Promise<AvailableCounts> {
  const { projectId } = options;
  const rows = await getPrisma().$queryRaw<{ difficulty: number; root_skill: string | null; n: bigint }[]>(Prisma.sql`
    SELECT n.difficulty, n.root_skill, count(*) AS n FROM nodes n WHERE ${candidateWhere(projectId)}
    GROUP BY n.difficulty, n.root_skill`);
  const result: AvailableCounts = {
    skills: [],
    counts: { easy: {}, medium: {}, hard: {} },
    totals: { easy: 0, medium: 0, hard: 0 },
  };
  const skills = new Set<string>();
  for (const r of rows) {
    const bucket = bucketOf(r.difficulty);
    if (!bucket) continue;
    const skill = skillOf(r.root_skill);
    skills.add(skill);
    result.counts[bucket][skill] = (result.counts[bucket][skill] ?? 0) + Number(r.n);
    result.totals[bucket] += Number(r.n);
  }
  result.skills = [...skills].sort();
  return result;
}

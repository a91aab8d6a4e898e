import { Prisma } from "@/lib/generated/prisma/client";
import { NgramCounter } from "@/lib/text/distinct-ngrams";
import { NearDuplicateFilter } from "@/lib/export/near-duplicates";
import { getPrisma } from "@/lib/server/db/prisma";
import { signatureOf } from "./cache-node-diversity";
import { TOP_PAIRS, type DiversityRound, type DiversityRun } from "./diversity-types";

const PAGE = 5_000;

interface ScannedRow {
  round: number;
  id: string;
  run_id: string | null;
  instruction: string;
  signature: Uint8Array;
}

type PairRow = { round: number; verb: string; object: string; count: number; with_pair: number };

/** One round's running counts while the scan is inside it. */
class RoundTally {
  nodes = 0;
  clusters = new Set<number>();
  duplicates = 0;
  readonly ngrams = new NgramCounter();
  readonly filter: NearDuplicateFilter;

  constructor(
    readonly round: number,
    expectedRecords = 50_000,
  ) {
    this.filter = new NearDuplicateFilter({ expectedRecords });
  }

  add(row: ScannedRow): void {
    this.nodes++;
    this.ngrams.add(row.instruction);
    const match = this.filter.matchOf(signatureOf(row.signature));
    if (match === -1) return;
    this.duplicates++;
    this.clusters.add(match);
  }

  figures(pairs: PairRow[]): DiversityRound {
    const roundPairs = pairs.filter((p) => p.round === this.round);
    return {
      round: this.round,
      nodes: this.nodes,
      ngrams: this.ngrams.counts(),
      clusters: this.clusters.size,
      duplicates: this.duplicates,
      withPair: roundPairs[0]?.with_pair ?? 0,
      pairs: roundPairs.map((p) => ({ verb: p.verb, object: p.object, count: p.count })),
    };
  }
}

/**
 * Computes a project's diversity figures per round from node_diversity and
 * stores them as its snapshot. One pass over the project's cached nodes in
 * (round, id) order, a page at a time; ids are UUIDv7, so within a round that
 * is creation order, and near-duplicates are clustered in it the way the
 * export's filter keeps the first of a group. Memory is bounded by one
 * round's distinct n-grams and signatures, not by the project. The same pass
 * counts each compared run's nodes of the round on their own (decision 0028):
 * runs outside comparisons cost nothing more.
 */
export async function computeDiversitySnapshot(options: { projectId: string }): Promise<DiversityRound[]> {
  const { projectId } = options;
  const prisma = getPrisma();
  const [pairs, compared] = await Promise.all([topPairs(projectId), comparedRuns(projectId)]);
  const rounds: DiversityRound[] = [];
  const runs = new Map<string, DiversityRound[]>([...compared.keys()].map((id) => [id, []]));
  // Only the round being scanned is held: its n-grams and signatures are let go once it is counted.
  let tally = null as { all: RoundTally; runs: Map<string, RoundTally> } | null;
  const finish = (t: NonNullable<typeof tally>) => {
    rounds.push(t.all.figures(pairs));
    for (const [runId, runTally] of t.runs) runs.get(runId)!.push(runTally.figures(compared.get(runId)!.pairs));
  };
  let after: ScannedRow | null = null;
  for (;;) {
    const cursor: Prisma.Sql = after
      ? Prisma.sql`AND (d.round, d.node_id) > (${after.round}::int, ${after.id}::uuid)`
      : Prisma.empty;
    const page: ScannedRow[] = await prisma.$queryRaw<ScannedRow[]>`
      SELECT d.round, d.node_id AS id, n.run_id::text AS run_id, n.instruction, d.signature
      FROM node_diversity d JOIN nodes n ON n.id = d.node_id
      WHERE d.project_id = ${projectId}::uuid ${cursor}
      ORDER BY d.round, d.node_id
      LIMIT ${PAGE}`;
    for (const row of page) {
      if (tally?.all.round !== row.round) {
        if (tally) finish(tally);
        tally = { all: new RoundTally(row.round), runs: new Map() };
      }
      tally.all.add(row);
      const run = row.run_id === null ? undefined : compared.get(row.run_id);
      if (!run) continue;
      let runTally = tally.runs.get(row.run_id!);
      if (!runTally) {
        runTally = new RoundTally(row.round, run.nodesPerRound.get(row.round));
        tally.runs.set(row.run_id!, runTally);
      }
      runTally.add(row);
    }
    if (page.length < PAGE) break;
    after = page.at(-1)!;
  }
  if (tally) finish(tally);
  const nodes = rounds.reduce((sum, r) => sum + r.nodes, 0);
  const byRun: DiversityRun[] = [...runs].map(([runId, runRounds]) => ({ runId, rounds: runRounds }));
  // Written by the client like node_edits.created_at, so the two compare in SQL (get-project-diversity.ts).
  const data = { nodes, rounds, runs: byRun, computedAt: new Date() };
  await prisma.diversitySnapshot.upsert({ where: { projectId }, create: { projectId, ...data }, update: data });
  return rounds;
}

/** The TOP_PAIRS most common verb/object pairs of each round, by a grouped query on the cache. */
async function topPairs(projectId: string, runId?: string) {
  const ofRun = runId ? Prisma.sql`AND node_id IN (SELECT id FROM nodes WHERE run_id = ${runId}::uuid)` : Prisma.empty;
  return getPrisma().$queryRaw<PairRow[]>`
    SELECT round, verb, object, count, with_pair FROM (
      SELECT round, verb, object, count(*)::int AS count,
             (sum(count(*)) OVER (PARTITION BY round))::int AS with_pair,
             row_number() OVER (PARTITION BY round ORDER BY count(*) DESC, verb COLLATE "C", object COLLATE "C") AS rank
      FROM node_diversity
      WHERE project_id = ${projectId}::uuid AND verb IS NOT NULL AND object IS NOT NULL ${ofRun}
      GROUP BY round, verb, object
    ) ranked
    WHERE rank <= ${TOP_PAIRS}
    ORDER BY round, rank`;
}

/**
 * The runs of the project's comparisons, with their top pairs and nodes per
 * round (to size each run's near-duplicate filter to what it will hold).
 */
async function comparedRuns(projectId: string) {
  const prisma = getPrisma();
  const comparisons = await prisma.comparison.findMany({
    where: { projectId },
    orderBy: { createdAt: "asc" },
    select: { runAId: true, runBId: true },
  });
  const ids = comparisons.flatMap((c) => [c.runAId, c.runBId]);
  const sizes = ids.length
    ? await prisma.$queryRaw<{ run_id: string; round: number; nodes: number }[]>`
        SELECT n.run_id::text AS run_id, d.round, count(*)::int AS nodes
        FROM node_diversity d JOIN nodes n ON n.id = d.node_id
        WHERE d.project_id = ${projectId}::uuid AND n.run_id = ANY(${ids}::uuid[])
        GROUP BY n.run_id, d.round`
    : [];
  const runs = new Map<string, { pairs: PairRow[]; nodesPerRound: Map<number, number> }>();
  for (const id of ids) runs.set(id, { pairs: await topPairs(projectId, id), nodesPerRound: new Map() });
  for (const size of sizes) runs.get(size.run_id)!.nodesPerRound.set(size.round, size.nodes);
  return runs;
}

import { Prisma } from "@/lib/generated/prisma/client";
import { NgramCounter } from "@/lib/text/distinct-ngrams";
import { NearDuplicateFilter } from "@/lib/export/near-duplicates";
import { getPrisma } from "@/lib/server/db/prisma";
import { signatureOf } from "./cache-node-diversity";
import { TOP_PAIRS, type DiversityRound } from "./diversity-types";

const PAGE = 5_000;

interface ScannedRow {
  round: number;
  id: string;
  instruction: string;
  signature: Uint8Array;
}

/** One round's running counts while the scan is inside it. */
class RoundTally {
  nodes = 0;
  clusters = new Set<number>();
  duplicates = 0;
  readonly ngrams = new NgramCounter();
  readonly filter: NearDuplicateFilter;

  constructor(readonly round: number) {
    this.filter = new NearDuplicateFilter({ expectedRecords: 50_000 });
  }

  add(row: ScannedRow): void {
    this.nodes++;
    this.ngrams.add(row.instruction);
    const match = this.filter.matchOf(signatureOf(row.signature));
    if (match === -1) return;
    this.duplicates++;
    this.clusters.add(match);
  }
}

/**
 * Computes a project's diversity figures per round from node_diversity and
 * stores them as its snapshot. One pass over the project's cached nodes in
 * (round, id) order, a page at a time; ids are UUIDv7, so within a round that
 * is creation order, and near-duplicates are clustered in it the way the
 * export's filter keeps the first of a group. Memory is bounded by one
 * round's distinct n-grams and signatures, not by the project.
 */
export async function computeDiversitySnapshot(options: { projectId: string }): Promise<DiversityRound[]> {
  const { projectId } = options;
  const prisma = getPrisma();
  const pairs = await topPairs(projectId);
  const rounds: DiversityRound[] = [];
  // Only the round being scanned is held: its n-grams and signatures are let go once it is counted.
  let tally = null as RoundTally | null;
  const finish = (t: RoundTally) => {
    const roundPairs = pairs.filter((p) => p.round === t.round);
    rounds.push({
      round: t.round,
      nodes: t.nodes,
      ngrams: t.ngrams.counts(),
      clusters: t.clusters.size,
      duplicates: t.duplicates,
      withPair: roundPairs[0]?.with_pair ?? 0,
      pairs: roundPairs.map((p) => ({ verb: p.verb, object: p.object, count: p.count })),
    });
  };
  let after: ScannedRow | null = null;
  for (;;) {
    const cursor: Prisma.Sql = after
      ? Prisma.sql`AND (d.round, d.node_id) > (${after.round}::int, ${after.id}::uuid)`
      : Prisma.empty;
    const page: ScannedRow[] = await prisma.$queryRaw<ScannedRow[]>`
      SELECT d.round, d.node_id AS id, n.instruction, d.signature
      FROM node_diversity d JOIN nodes n ON n.id = d.node_id
      WHERE d.project_id = ${projectId}::uuid ${cursor}
      ORDER BY d.round, d.node_id
      LIMIT ${PAGE}`;
    for (const row of page) {
      if (tally?.round !== row.round) {
        if (tally) finish(tally);
        tally = new RoundTally(row.round);
      }
      tally.add(row);
    }
    if (page.length < PAGE) break;
    after = page.at(-1)!;
  }
  if (tally) finish(tally);
  const nodes = rounds.reduce((sum, r) => sum + r.nodes, 0);
  // Written by the client like node_edits.created_at, so the two compare in SQL (get-project-diversity.ts).
  const data = { nodes, rounds, computedAt: new Date() };
  await prisma.diversitySnapshot.upsert({ where: { projectId }, create: { projectId, ...data }, update: data });
  return rounds;
}

/** The TOP_PAIRS most common verb/object pairs of each round, by a grouped query on the cache. */
async function topPairs(projectId: string) {
  return getPrisma().$queryRaw<{ round: number; verb: string; object: string; count: number; with_pair: number }[]>`
    SELECT round, verb, object, count, with_pair FROM (
      SELECT round, verb, object, count(*)::int AS count,
             (sum(count(*)) OVER (PARTITION BY round))::int AS with_pair,
             row_number() OVER (PARTITION BY round ORDER BY count(*) DESC, verb COLLATE "C", object COLLATE "C") AS rank
      FROM node_diversity
      WHERE project_id = ${projectId}::uuid AND verb IS NOT NULL AND object IS NOT NULL
      GROUP BY round, verb, object
    ) ranked
    WHERE rank <= ${TOP_PAIRS}
    ORDER BY round, rank`;
}

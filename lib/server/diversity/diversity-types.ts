import { z } from "zod";

/** How many verb/object pairs each round keeps. */
export const TOP_PAIRS = 10;

const triple = z.tuple([
  z.number().int().nonnegative(),
  z.number().int().nonnegative(),
  z.number().int().nonnegative(),
]);

export const diversityRoundSchema = z.object({
  round: z.number().int().nonnegative(),
  /** Nodes of the round the figures cover. */
  nodes: z.number().int().nonnegative(),
  /** Distinct and total word 1/2/3-grams of the round's instructions. */
  ngrams: z.object({ distinct: triple, total: triple }),
  /** Near-duplicate clusters (two or more nodes) among the round's instructions and inputs. */
  clusters: z.number().int().nonnegative(),
  /** Nodes that are a near-duplicate of an earlier node of the round. */
  duplicates: z.number().int().nonnegative(),
  /** Nodes with both a root verb and a direct object. */
  withPair: z.number().int().nonnegative(),
  /** The most common verb/object pairs, most common first. */
  pairs: z.array(z.object({ verb: z.string(), object: z.string(), count: z.number().int().positive() })),
});
export type DiversityRound = z.infer<typeof diversityRoundSchema>;

export const diversityRoundsSchema = z.array(diversityRoundSchema);

/** The same figures over one run's nodes, per round (kept for runs of a comparison, decision 0028). */
export const diversityRunSchema = z.object({ runId: z.string(), rounds: diversityRoundsSchema });
export type DiversityRun = z.infer<typeof diversityRunSchema>;
export const diversityRunsSchema = z.array(diversityRunSchema);

/** What the dashboard shows: the last snapshot, and whether a newer one is on its way. */
export interface ProjectDiversity {
  rounds: DiversityRound[];
  /** Per run of a comparison. */
  runs: DiversityRun[];
  computedAt: Date | null;
  /** The project changed since the snapshot (or there is none yet): a refresh was asked for. */
  stale: boolean;
}

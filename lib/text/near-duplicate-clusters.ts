import { NearDuplicateFilter } from "@/lib/export/near-duplicates";

export interface ClusterCounts {
  /** Groups of two or more instructions that are near-duplicates of the group's first. */
  clusters: number;
  /** Instructions that are a near-duplicate of an earlier one (members of a cluster but its first). */
  duplicates: number;
}

/**
 * Near-duplicate clusters among signatures (minHashSignature, default seed),
 * the way the export drops them: in the given order, each instruction joins
 * the first earlier kept one it is a near-duplicate of, or is kept as a new
 * one. A cluster is a kept instruction that at least one later joined.
 */
export function countNearDuplicateClusters(
  signatures: Iterable<Uint32Array>,
  options: { threshold?: number; expectedRecords?: number } = {},
): ClusterCounts {
  const filter = new NearDuplicateFilter(options);
  const joined = new Set<number>();
  let duplicates = 0;
  for (const sig of signatures) {
    const match = filter.matchOf(sig);
    if (match === -1) continue;
    duplicates++;
    joined.add(match);
  }
  return { clusters: joined.size, duplicates };
}

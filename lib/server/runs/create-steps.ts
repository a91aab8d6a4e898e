import { pickOperations } from "@/lib/evolution/scheduling";
import type { SqlClient } from "@/lib/server/db/direct-sql";
import { uuid7 } from "@/lib/server/db/uuid7";
import type { RunConfig } from "./run-config";
import { stepKeyOf } from "./step-key";

const CHUNK = 5_000;

/**
 * Creates the k branch steps of each parent for a round. Operations are drawn
 * from a seed of the step's identity, so re-creating a step draws the same one;
 * existing steps are left alone. Returns the ids of the steps created now.
 */
export async function createSteps(options: {
  tx: SqlClient;
  runId: string;
  config: RunConfig;
  round: number;
  parents: { id: string; rootId: string }[];
}): Promise<string[]> {
  const { tx, runId, config, round } = options;
  const rows = options.parents.flatMap((parent) => {
    const ops = pickOperations({
      weights: config.weights,
      k: config.branching,
      seed: `${runId}:${parent.id}:${round}`,
    });
    return ops.map((operation, slot) => ({
      id: uuid7(),
      parentId: parent.id,
      rootId: parent.rootId,
      slot,
      operation,
      stepKey: stepKeyOf(runId, parent.id, round, slot),
    }));
  });
  const created: string[] = [];
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    const inserted = await tx.$queryRaw<{ id: string }[]>`
      INSERT INTO run_steps (id, run_id, parent_id, root_id, round, slot, step_key, operation)
      SELECT t.id, ${runId}::uuid, t.parent_id, t.root_id, ${round}, t.slot, t.step_key, t.operation::"Operation"
      FROM unnest(${chunk.map((r) => r.id)}::uuid[], ${chunk.map((r) => r.parentId)}::uuid[], ${chunk.map((r) => r.rootId)}::uuid[],
                  ${chunk.map((r) => r.slot)}::int[], ${chunk.map((r) => r.stepKey)}::text[], ${chunk.map((r) => r.operation)}::text[])
           AS t(id, parent_id, root_id, slot, step_key, operation)
      ON CONFLICT (step_key) DO NOTHING
      RETURNING id`;
    created.push(...inserted.map((r) => r.id));
  }
  return created;
}

import { Prisma } from "@/lib/generated/prisma/client";
import { getPrisma } from "@/lib/server/db/prisma";
import type { ExportSelection } from "@/lib/validation/export";
import { HELD_OUT, selectionWhere } from "./selection-where";

/** Blank text, as the encoders judge an answer missing (a regex parameter, not spliced SQL). */
export const BLANK = "^\\s*$";

export interface ExportCount {
  /** Nodes the selection matches. */
  total: number;
  /** Of those, nodes without an answer, or with a blank one: every format leaves them out. */
  unanswered: number;
  seeds: number;
  /** Nodes the selection would take but leaves out: they are in a hold-out evaluation set. */
  heldOut: number;
}

/** How many nodes an export with this selection would read; one aggregate over the project's nodes. */
export async function countExport(options: { projectId: string; selection: ExportSelection }): Promise<ExportCount> {
  const [row] = await getPrisma().$queryRaw<{ total: bigint; unanswered: bigint; seeds: bigint }[]>(Prisma.sql`
    SELECT count(*) AS total,
           count(*) FILTER (WHERE n.output IS NULL OR n.output ~ ${BLANK}) AS unanswered,
           count(*) FILTER (WHERE n.parent_id IS NULL) AS seeds
    FROM nodes n WHERE ${selectionWhere(options.projectId, options.selection)}`);
  return {
    total: Number(row.total),
    unanswered: Number(row.unanswered),
    seeds: Number(row.seeds),
    heldOut: await countHeldOut(options),
  };
}

async function countHeldOut(options: { projectId: string; selection: ExportSelection }): Promise<number> {
  if (options.selection.evalSetId || !options.selection.excludeHeldOut) return 0;
  const kept = selectionWhere(options.projectId, { ...options.selection, excludeHeldOut: false });
  const [row] = await getPrisma().$queryRaw<{ n: bigint }[]>(Prisma.sql`
    SELECT count(*) AS n FROM nodes n WHERE ${kept} AND ${HELD_OUT}`);
  return Number(row.n);
}

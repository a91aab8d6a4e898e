import { randomBytes } from "node:crypto";
import type { Prisma } from "@/lib/generated/prisma/client";
import { stratifiedSample, type SampleReport } from "@/lib/eval-sets/stratified-sample";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import { isUniqueViolation } from "@/lib/server/db/errors";
import { getPrisma } from "@/lib/server/db/prisma";
import { uuid7 } from "@/lib/server/db/uuid7";
import { ConflictError, InvalidInputError, NotFoundError } from "@/lib/server/errors";
import type { BuildEvalSetInput } from "@/lib/validation/eval-sets";
import { listEvalSetCandidates } from "./eval-set-candidates";

export interface BuiltEvalSet {
  evalSetId: string;
  nodeCount: number;
  seed: string;
  report: SampleReport;
}

const nameTaken = (name: string) => new ConflictError(`This project already has an evaluation set named “${name}”.`);

/**
 * Draws an evaluation set (lib/eval-sets/stratified-sample.ts) and records
 * it with its nodes in one transaction, so the candidates it drew from are
 * the ones it saw and a failed build leaves nothing behind.
 */
export async function buildEvalSet(options: BuildEvalSetInput & { actorId: string | null }): Promise<BuiltEvalSet> {
  const prisma = getPrisma();
  const project = await prisma.project.findUnique({ where: { id: options.projectId }, select: { id: true } });
  if (!project) throw new NotFoundError("That project no longer exists.");
  const seed = options.seed || randomBytes(6).toString("hex");
  const id = uuid7();
  try {
    return await prisma.$transaction(async (tx) => {
      const clash = await tx.evalSet.findUnique({
        where: { projectId_name: { projectId: project.id, name: options.name } },
        select: { id: true },
      });
      if (clash) throw nameTaken(options.name);
      const candidates = await listEvalSetCandidates({ db: tx, projectId: project.id });
      const sample = stratifiedSample({ candidates, sizes: options.sizes, seed });
      if (sample.nodeIds.length === 0)
        throw new InvalidInputError(
          "No node to draw: the buckets asked for hold no accepted, answered node with a difficulty score.",
        );
      await tx.evalSet.create({
        data: {
          id,
          projectId: project.id,
          name: options.name,
          holdOut: options.holdOut,
          sizes: options.sizes,
          seed,
          counts: sample.report as unknown as Prisma.InputJsonValue,
          nodeCount: sample.nodeIds.length,
          createdById: options.actorId,
        },
      });
      await tx.evalSetNode.createMany({ data: sample.nodeIds.map((nodeId) => ({ evalSetId: id, nodeId })) });
      await recordAuditEvent({
        db: tx,
        actorId: options.actorId,
        action: "eval_set.build",
        targetType: "project",
        targetId: project.id,
        data: { evalSetId: id, name: options.name, holdOut: options.holdOut, sizes: options.sizes, seed },
      });
      return { evalSetId: id, nodeCount: sample.nodeIds.length, seed, report: sample.report };
    });
  } catch (error) {
    // Two builds of the same name at once: the unique index decides.
    if (isUniqueViolation(error)) throw nameTaken(options.name);
    throw error;
  }
}

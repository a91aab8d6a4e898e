import type { Prisma } from "@/lib/generated/prisma/client";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import { getPrisma } from "@/lib/server/db/prisma";
import { uuid7 } from "@/lib/server/db/uuid7";
import { InvalidInputError, NotFoundError, UserFacingError } from "@/lib/server/errors";
import { enqueueExportJob } from "@/lib/server/jobs/export-job";
import type { ExportOptions } from "@/lib/validation/export";
import { countExport } from "./count-export";
import { exportFileName } from "./export-storage";

export interface CreatedExport {
  exportId: string;
  expectedCount: number;
  fileName: string;
}

/**
 * Records an export (queued) with what it will read. With `enqueue`, the
 * export job is queued in the same transaction, so there is never a record
 * without its job or a job without its record.
 */
export async function createExport(options: {
  projectId: string;
  options: ExportOptions;
  actorId: string | null;
  enqueue: boolean;
  /** Refuse (recording nothing) when the selection holds more nodes than this. */
  maxCount?: number;
}): Promise<CreatedExport> {
  const prisma = getPrisma();
  const project = await prisma.project.findUnique({
    where: { id: options.projectId },
    select: { id: true, name: true },
  });
  if (!project) throw new NotFoundError("That project no longer exists.");
  const { format, lineage, bundle, ...selection } = options.options;
  if (selection.runId) {
    const run = await prisma.run.findFirst({
      where: { id: selection.runId, projectId: project.id },
      select: { id: true },
    });
    if (!run) throw new InvalidInputError("That run is not part of this project.");
  }
  if (selection.evalSetId) {
    const set = await prisma.evalSet.findFirst({
      where: { id: selection.evalSetId, projectId: project.id },
      select: { id: true },
    });
    if (!set) throw new InvalidInputError("That evaluation set is not part of this project (or was deleted).");
  }
  const count = await countExport({ projectId: project.id, selection });
  if (options.maxCount !== undefined && count.total > options.maxCount) {
    throw new UserFacingError(
      `${count.total.toLocaleString("en-US")} nodes is more than a direct download takes (${options.maxCount.toLocaleString("en-US")}): use Export, which runs as a job.`,
    );
  }
  const id = uuid7();
  const fileName = exportFileName(project.name, format, new Date());
  await prisma.$transaction(async (tx) => {
    await tx.export.create({
      data: {
        id,
        projectId: project.id,
        createdById: options.actorId,
        format,
        selection: { ...selection, format, lineage, bundle } as Prisma.InputJsonValue,
        lineage,
        bundle,
        expectedCount: count.total,
        fileName,
        storagePath: `${project.id}/${id}`,
      },
    });
    await recordAuditEvent({
      db: tx,
      actorId: options.actorId,
      action: "export.start",
      targetType: "project",
      targetId: project.id,
      data: {
        exportId: id,
        format,
        expectedCount: count.total,
        ...(selection.evalSetId ? { evalSetId: selection.evalSetId } : { heldOut: count.heldOut }),
      },
    });
    if (options.enqueue) await enqueueExportJob(tx, id);
  });
  return { exportId: id, expectedCount: count.total, fileName };
}

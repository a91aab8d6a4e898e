import type { ParseResult } from "@/lib/seeds/parse-seed-file";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import { getPrisma } from "@/lib/server/db/prisma";
import { uuid7 } from "@/lib/server/db/uuid7";
import { UserFacingError } from "@/lib/server/errors";
import { enqueueDiversityJob } from "@/lib/server/jobs/diversity-job";
import { findExistingSeedHashes } from "./find-existing-hashes";
import { insertSeedRows } from "./insert-seed-rows";

export interface SeedImportSummary {
  importId: string;
  imported: number;
  duplicatesInFile: number;
  alreadyInProject: number;
  skippedInvalid: number;
}

/**
 * Writes a parsed seed file in one transaction: all of it or none of it.
 * Bad records stop the import unless the user chose to skip them after
 * seeing them; duplicates (in the file or already in the project) are skipped.
 */
export async function importSeeds(options: {
  projectId: string;
  actorId: string;
  parsed: ParseResult;
  fileName?: string | null;
  skipInvalid?: boolean;
}): Promise<SeedImportSummary> {
  const { parsed, projectId } = options;
  if (parsed.errors.length > 0 && !options.skipInvalid) {
    throw new UserFacingError(
      `${parsed.errors.length} record(s) have errors (first: ${parsed.errors[0].message}); nothing was imported. Fix them, or choose to skip bad lines.`,
    );
  }
  const prisma = getPrisma();
  return prisma.$transaction(
    async (tx) => {
      // One import per project at a time, so two concurrent imports of the
      // same file cannot both pass the duplicate check.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${"seed-import:" + projectId}))`;
      const project = await tx.project.findUnique({ where: { id: projectId }, select: { id: true } });
      if (!project) throw new UserFacingError("That project no longer exists.");
      const existing = await findExistingSeedHashes({
        projectId,
        hashes: parsed.seeds.map((s) => s.contentHash),
        db: tx,
      });
      const fresh = parsed.seeds.filter((s) => !existing.has(s.contentHash));
      const importId = uuid7();
      await tx.seedImport.create({
        data: {
          id: importId,
          projectId,
          createdById: options.actorId,
          fileName: options.fileName ?? null,
          format: parsed.format,
          schema: parsed.schema,
          rowsRead: parsed.rowsRead,
          rowsImported: fresh.length,
          duplicates: parsed.duplicates.length + existing.size,
          skippedInvalid: parsed.errors.length,
        },
      });
      await insertSeedRows({ tx, projectId, importId, seeds: fresh });
      // Parsing ~0.3 ms a seed would hold a large import's transaction open: the diversity job does it after.
      if (fresh.length > 0) await enqueueDiversityJob(projectId, tx);
      const summary: SeedImportSummary = {
        importId,
        imported: fresh.length,
        duplicatesInFile: parsed.duplicates.length,
        alreadyInProject: existing.size,
        skippedInvalid: parsed.errors.length,
      };
      await recordAuditEvent({
        db: tx,
        actorId: options.actorId,
        action: "seeds.import",
        targetType: "project",
        targetId: projectId,
        data: { ...summary, fileName: options.fileName ?? null, format: parsed.format, schema: parsed.schema },
      });
      return summary;
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
}

// Removing an export's files frees the disk and keeps the record; downloads
// then answer 410, and an export still being written is left alone.
import { existsSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { GoneError } from "@/lib/server/errors";
import { exportOptionsSchema } from "@/lib/validation/export";
import { createExportProject } from "@/tests/fixtures/export-project";
import { createTestUser, type TestUser } from "@/tests/fixtures/users";
import { withTemporaryDataDir } from "@/tests/fixtures/temporary-data-dir";
import { setupTestDatabase } from "@/tests/setup/test-database";

await setupTestDatabase();
await withTemporaryDataDir("export-remove");
const { getPrisma } = await import("@/lib/server/db/prisma");
const { createExport } = await import("./create-export");
const { runExport } = await import("./run-export");
const { exportFolder } = await import("./export-storage");
const { openExportFile } = await import("./open-export-file");
const { removeExportFiles } = await import("./remove-export-files");

let admin: TestUser;
let projectId: string;

beforeAll(async () => {
  admin = await createTestUser("admin");
  const annotator = await createTestUser("annotator");
  projectId = (await createExportProject({ admin, annotator })).project.id;
});

describe("removing an export's files", () => {
  it("deletes the folder, keeps the record, and downloads answer 410", async () => {
    const { exportId } = await createExport({
      projectId,
      options: exportOptionsSchema.parse({ format: "csv", bundle: true }),
      actorId: admin.id,
      enqueue: false,
    });
    await runExport({ exportId });
    const before = await getPrisma().export.findUniqueOrThrow({ where: { id: exportId } });
    const folder = exportFolder(before.storagePath!);
    expect(existsSync(folder)).toBe(true);

    expect(await removeExportFiles({ projectId, exportId, actorId: admin.id })).toEqual({ removed: true });
    expect(existsSync(folder)).toBe(false);
    const after = await getPrisma().export.findUniqueOrThrow({ where: { id: exportId } });
    expect(after).toMatchObject({
      status: "done",
      storagePath: null,
      sha256: before.sha256,
      recordsWritten: before.recordsWritten,
    });
    await expect(openExportFile({ projectId, exportId })).rejects.toBeInstanceOf(GoneError);
    expect(await getPrisma().auditEvent.count({ where: { action: "export.remove_files", targetId: exportId } })).toBe(
      1,
    );
    // Twice is harmless.
    expect(await removeExportFiles({ projectId, exportId, actorId: admin.id })).toEqual({ removed: false });
  });

  it("leaves an export that is still queued or running, and refuses another project's", async () => {
    const { exportId } = await createExport({
      projectId,
      options: exportOptionsSchema.parse({ format: "alpaca" }),
      actorId: admin.id,
      enqueue: false,
    });
    await expect(removeExportFiles({ projectId, exportId, actorId: admin.id })).rejects.toThrow(/still being written/);
    const other = await getPrisma().project.create({ data: { name: `other ${exportId}` } });
    await expect(removeExportFiles({ projectId: other.id, exportId, actorId: admin.id })).rejects.toThrow(
      /does not exist in this project/,
    );
  });
});

// The export routes are public URLs: only a signed-in admin may read an
// export's progress or download its files; annotators get 403, visitors 401,
// and an admin gets the stored bytes with an attachment header.
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { createExportProject } from "@/tests/fixtures/export-project";
import { actAs } from "@/tests/fixtures/request-context";
import { createTestUser, signInCookie, type TestUser } from "@/tests/fixtures/users";
import { withTemporaryDataDir } from "@/tests/fixtures/temporary-data-dir";
import { setupTestDatabase } from "@/tests/setup/test-database";
import { exportOptionsSchema } from "@/lib/validation/export";

vi.mock("next/headers", () => import("@/tests/fixtures/next-headers"));

await setupTestDatabase();
await withTemporaryDataDir("export-routes");
const { createExport } = await import("@/lib/server/export/create-export");
const { runExport } = await import("@/lib/server/export/run-export");
const download = await import("@/app/api/projects/[projectId]/exports/[exportId]/download/route");
const status = await import("@/app/api/projects/[projectId]/exports/[exportId]/route");

let admin: TestUser;
let adminCookie: string;
let annotatorCookie: string;
let projectId: string;
let exportId: string;
let file: string;

beforeAll(async () => {
  admin = await createTestUser("admin");
  const annotator = await createTestUser("annotator");
  adminCookie = await signInCookie(admin);
  annotatorCookie = await signInCookie(annotator);
  const fixture = await createExportProject({ admin, annotator });
  projectId = fixture.project.id;
  const created = await createExport({
    projectId,
    options: exportOptionsSchema.parse({ format: "csv", bundle: true }),
    actorId: admin.id,
    enqueue: false,
  });
  exportId = created.exportId;
  const outcome = await runExport({ exportId });
  file = path.join(path.dirname(outcome.file!), created.fileName);
});

const params = (overrides: Partial<{ projectId: string; exportId: string }> = {}) => ({
  params: Promise.resolve({ projectId, exportId, ...overrides }),
});
const get = (query = "") =>
  new Request(`http://localhost/api/projects/${projectId}/exports/${exportId}/download${query}`);

describe("export download route", () => {
  it("refuses a visitor without a session (401) and an annotator (403)", async () => {
    actAs(null);
    expect((await download.GET(get(), params())).status).toBe(401);
    expect((await status.GET(get(), params())).status).toBe(401);
    actAs(annotatorCookie);
    const refused = await download.GET(get("?file=data"), params());
    expect(refused.status).toBe(403);
    expect(await refused.json()).toEqual({ error: { code: "FORBIDDEN", message: "Only admins can do this." } });
    expect((await status.GET(get(), params())).status).toBe(403);
  });

  it("streams the stored data file to an admin, as an attachment", async () => {
    actAs(adminCookie);
    const response = await download.GET(get("?file=data"), params());
    expect(response.status).toBe(200);
    const body = Buffer.from(await response.arrayBuffer());
    expect(body.equals(await readFile(file))).toBe(true);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toContain(`filename="${path.basename(file)}"`);
    const progress = await (await status.GET(get(), params())).json();
    expect(progress).toMatchObject({
      id: exportId,
      status: "done",
      recordsWritten: 3,
      sha256: createHash("sha256").update(body).digest("hex"),
    });
  });

  it("gives the archive by default for a bundle, 400 for unknown files and malformed ids, 404 for unknown exports", async () => {
    actAs(adminCookie);
    const archive = await download.GET(get(), params());
    expect(archive.headers.get("content-type")).toBe("application/zip");
    expect(archive.headers.get("content-disposition")).toMatch(/\.zip"/);
    const unknownFile = await download.GET(get("?file=../../etc/passwd"), params());
    expect(unknownFile.status).toBe(400);
    expect((await unknownFile.json()).error.message).toBe("file: Unknown file.");
    expect((await download.GET(get(), params({ exportId: "not-a-uuid" }))).status).toBe(400);
    expect((await download.GET(get(), params({ exportId: "0196f0c4-0000-7000-8000-000000000000" }))).status).toBe(404);
  });
});

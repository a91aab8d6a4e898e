// "Download now": the export streamed from the database into the response,
// recorded as it goes. Only admins; bundles and oversized selections refused.
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { createExportProject } from "@/tests/fixtures/export-project";
import { actAs } from "@/tests/fixtures/request-context";
import { createTestUser, signInCookie } from "@/tests/fixtures/users";
import { withTemporaryDataDir } from "@/tests/fixtures/temporary-data-dir";
import { setupTestDatabase } from "@/tests/setup/test-database";

vi.mock("next/headers", () => import("@/tests/fixtures/next-headers"));

await setupTestDatabase();
await withTemporaryDataDir("export-stream");
const { getPrisma } = await import("@/lib/server/db/prisma");
const { createExport } = await import("@/lib/server/export/create-export");
const { exportFolder } = await import("@/lib/server/export/export-storage");
const { exportOptionsSchema } = await import("@/lib/validation/export");
const stream = await import("@/app/api/projects/[projectId]/exports/stream/route");

let adminId: string;
let adminCookie: string;
let annotatorCookie: string;
let projectId: string;
let fixture: Awaited<ReturnType<typeof createExportProject>>;

beforeAll(async () => {
  const admin = await createTestUser("admin");
  const annotator = await createTestUser("annotator");
  adminId = admin.id;
  adminCookie = await signInCookie(admin);
  annotatorCookie = await signInCookie(annotator);
  fixture = await createExportProject({ admin, annotator });
  projectId = fixture.project.id;
});

function post(options: unknown) {
  const form = new FormData();
  form.set("options", typeof options === "string" ? options : JSON.stringify(options));
  return stream.POST(
    new Request(`http://localhost/api/projects/${projectId}/exports/stream`, { method: "POST", body: form }),
    { params: Promise.resolve({ projectId }) },
  );
}

describe("direct export download", () => {
  it("refuses visitors (401) and annotators (403), recording nothing", async () => {
    const before = await getPrisma().export.count();
    actAs(null);
    expect((await post({ format: "alpaca" })).status).toBe(401);
    actAs(annotatorCookie);
    const refused = await post({ format: "alpaca" });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toEqual({ error: { code: "FORBIDDEN", message: "Only admins can do this." } });
    expect(await getPrisma().export.count()).toBe(before);
  });

  it("streams the accepted nodes as JSONL, and records the export with the same bytes and checksum", async () => {
    actAs(adminCookie);
    const response = await post({ status: "accepted", format: "alpaca", lineage: false });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename=".+\.jsonl"/);
    const body = Buffer.from(await response.arrayBuffer());
    // Accepted in the fixture: the seed S1, its child A, and F.
    const lines = body
      .toString("utf8")
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines).toEqual(
      ["S1", "A", "F"].map((k) => {
        const n = fixture.nodes[k as "S1" | "A" | "F"];
        return { instruction: n.instruction, input: n.input, output: n.output ?? "" };
      }),
    );
    const exportId = response.headers.get("x-export-id")!;
    const row = await getPrisma().export.findUniqueOrThrow({ where: { id: exportId } });
    expect(row).toMatchObject({
      status: "done",
      recordsWritten: 3,
      createdById: adminId,
      sha256: createHash("sha256").update(body).digest("hex"),
    });
    expect(Number(row.bytes)).toBe(body.length);
    expect((await readFile(path.join(exportFolder(row.storagePath!), row.fileName))).equals(body)).toBe(true);
  });

  it("refuses bundles, bad options and selections over the limit", async () => {
    actAs(adminCookie);
    const before = await getPrisma().export.count();
    const bundle = await post({ format: "csv", bundle: true });
    expect(bundle.status).toBe(422);
    expect((await bundle.json()).error).toMatchObject({
      code: "FAILED",
      message: expect.stringMatching(/bundle is built as a job/),
    });
    const notJson = await post("{not json");
    expect(notJson.status).toBe(400);
    expect((await notJson.json()).error.message).toBe("options: The export options are missing or not JSON.");
    const docx = await post({ format: "docx" });
    expect(docx.status).toBe(400);
    expect((await docx.json()).error.message).toMatch(/^options\.format: /);
    await expect(
      createExport({
        projectId,
        options: exportOptionsSchema.parse({ status: "all" }),
        actorId: adminId,
        enqueue: false,
        maxCount: 2,
      }),
    ).rejects.toThrow(/more than a direct download takes \(2\)/);
    expect(await getPrisma().export.count()).toBe(before);
  });
});

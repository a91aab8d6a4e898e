// Signed dataset links (decision 0032) are public URLs: without any cookie a
// link serves the same bytes as the admin's download route, with HEAD and
// single ranges for tools that read datasets over HTTP, and answers one and
// the same 404 to anything it must not serve.
import { createHash } from "node:crypto";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { createExportProject } from "@/tests/fixtures/export-project";
import { actAs } from "@/tests/fixtures/request-context";
import { createTestUser, signInCookie, type TestUser } from "@/tests/fixtures/users";
import { withTemporaryDataDir } from "@/tests/fixtures/temporary-data-dir";
import { setupTestDatabase } from "@/tests/setup/test-database";
import { exportOptionsSchema } from "@/lib/validation/export";

vi.mock("next/headers", () => import("@/tests/fixtures/next-headers"));

await setupTestDatabase();
await withTemporaryDataDir("export-links");
const { getPrisma } = await import("@/lib/server/db/prisma");
const { createExport } = await import("@/lib/server/export/create-export");
const { runExport } = await import("@/lib/server/export/run-export");
const { createExportLink } = await import("@/lib/server/export/create-export-link");
const { revokeExportLink } = await import("@/lib/server/export/revoke-export-link");
const { listExportLinks } = await import("@/lib/server/export/list-export-links");
const { removeExportFiles } = await import("@/lib/server/export/remove-export-files");
const link = await import("@/app/api/v1/links/[secret]/[fileName]/route");
const download = await import("@/app/api/projects/[projectId]/exports/[exportId]/download/route");

let admin: TestUser;
let adminCookie: string;
let projectId: string;
let annotator: TestUser;

async function finishedExport(options: { format?: string; bundle?: boolean } = {}) {
  const created = await createExport({
    projectId,
    options: exportOptionsSchema.parse({ status: "all", format: options.format ?? "alpaca", bundle: options.bundle }),
    actorId: admin.id,
    enqueue: false,
  });
  await runExport({ exportId: created.exportId });
  return created.exportId;
}

/** Calls the public route as a client without any cookie, like curl. */
async function fetchLink(url: string, init: RequestInit = {}): Promise<Response> {
  actAs(null);
  const { pathname } = new URL(url);
  const [, secret, fileName] = /^\/api\/v1\/links\/([^/]+)\/([^/]+)$/.exec(pathname)!;
  const request = new Request(url, init);
  const handler = request.method === "HEAD" ? link.HEAD : link.GET;
  return handler(request, { params: Promise.resolve({ secret, fileName: decodeURIComponent(fileName!) }) });
}

async function cookieDownload(exportId: string, query = ""): Promise<Buffer> {
  actAs(adminCookie);
  const response = await download.GET(
    new Request(`http://localhost/api/projects/${projectId}/exports/${exportId}/download${query}`),
    { params: Promise.resolve({ projectId, exportId }) },
  );
  expect(response.status).toBe(200);
  return Buffer.from(await response.arrayBuffer());
}

async function expectUnknown(response: Response) {
  expect(response.status).toBe(404);
  expect(await response.json()).toEqual({
    error: { code: "NOT_FOUND", message: "No such link, or it has expired or been revoked." },
  });
}

const linkRow = (id: string) => getPrisma().exportLink.findUniqueOrThrow({ where: { id } });

beforeAll(async () => {
  admin = await createTestUser("admin");
  annotator = await createTestUser("annotator");
  adminCookie = await signInCookie(admin);
  projectId = (await createExportProject({ admin, annotator })).project.id;
});

describe("signed export links", () => {
  it("serve the same bytes as the cookie route without any cookie, counted, and never cached", async () => {
    const exportId = await finishedExport();
    const created = await createExportLink({ projectId, exportId, days: 7, actorId: admin.id });
    expect(created.url).toMatch(/^http:\/\/[^/]+\/api\/v1\/links\/[A-Za-z0-9_-]{43}\/[\w.-]+-alpaca-[\d-]+\.jsonl$/);
    const response = await fetchLink(created.url);
    expect(response.status).toBe(200);
    const body = Buffer.from(await response.arrayBuffer());
    expect(body.equals(await cookieDownload(exportId))).toBe(true);
    const stored = await getPrisma().export.findUniqueOrThrow({ where: { id: exportId } });
    expect(response.headers.get("etag")).toBe(`"${stored.sha256}"`);
    expect(createHash("sha256").update(body).digest("hex")).toBe(stored.sha256);
    expect(Object.fromEntries(response.headers)).toMatchObject({
      "content-type": "application/x-ndjson; charset=utf-8",
      "content-length": String(body.length),
      "cache-control": "private, no-store",
      "referrer-policy": "no-referrer",
      "accept-ranges": "bytes",
    });
    expect(response.headers.get("content-disposition")).toContain(`filename="${stored.fileName}"`);
    const used = await linkRow(created.link.id);
    expect(used.downloadCount).toBe(1);
    expect(used.lastUsedAt).not.toBeNull();
  });

  it("answer HEAD with the headers alone, and single ranges with their bytes, counting neither", async () => {
    const exportId = await finishedExport({ format: "csv" });
    const { url, link: row } = await createExportLink({ projectId, exportId, days: 1, actorId: admin.id });
    const whole = await cookieDownload(exportId);

    const head = await fetchLink(url, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.headers.get("content-length")).toBe(String(whole.length));
    expect(head.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(head.body).toBeNull();

    const middle = await fetchLink(url, { headers: { range: "bytes=5-24" } });
    expect(middle.status).toBe(206);
    expect(middle.headers.get("content-range")).toBe(`bytes 5-24/${whole.length}`);
    expect(middle.headers.get("content-length")).toBe("20");
    expect(Buffer.from(await middle.arrayBuffer()).equals(whole.subarray(5, 25))).toBe(true);

    const tail = await fetchLink(url, { headers: { range: "bytes=-10" } });
    expect(Buffer.from(await tail.arrayBuffer()).equals(whole.subarray(whole.length - 10))).toBe(true);

    const past = await fetchLink(url, { headers: { range: `bytes=${whole.length}-` } });
    expect(past.status).toBe(416);
    expect(past.headers.get("content-range")).toBe(`bytes */${whole.length}`);

    // An If-Range naming another version gets the whole (current) file.
    const stale = await fetchLink(url, { headers: { range: "bytes=0-3", "if-range": '"old"' } });
    expect(stale.status).toBe(200);
    expect(Buffer.from(await stale.arrayBuffer()).equals(whole)).toBe(true);
    expect((await linkRow(row.id)).downloadCount).toBe(1);
  });

  it("serve a bundle's data file by default, its other files by ?file= under their own names", async () => {
    const exportId = await finishedExport({ bundle: true });
    const created = await createExportLink({ projectId, exportId, days: 30, actorId: admin.id });
    expect(created.files.map((f) => f.file)).toEqual(["data", "archive", "card", "dataset_info", "axolotl"]);
    const data = await fetchLink(created.url);
    expect(Buffer.from(await data.arrayBuffer()).equals(await cookieDownload(exportId, "?file=data"))).toBe(true);
    const card = created.files.find((f) => f.file === "card")!;
    expect(card.url).toMatch(/\/README\.md\?file=card$/);
    const readme = await fetchLink(card.url);
    expect(Buffer.from(await readme.arrayBuffer()).equals(await cookieDownload(exportId, "?file=card"))).toBe(true);
    // The name in the path must be the served file's.
    await expectUnknown(await fetchLink(created.url.replace(/[^/]+$/, "other.jsonl")));
    await expectUnknown(await fetchLink(`${created.url}?file=card`));
    await expectUnknown(await fetchLink(`${created.url}?file=../../etc/passwd`));
  });

  it("keep only the secret's sha-256: nothing stored holds the URL's secret", async () => {
    const exportId = await finishedExport();
    const { url, link: row } = await createExportLink({ projectId, exportId, days: 7, actorId: admin.id });
    const secret = new URL(url).pathname.split("/")[4]!;
    const stored = await linkRow(row.id);
    expect(stored.secretHash).toBe(createHash("sha256").update(secret).digest("hex"));
    const tables = await getPrisma().$queryRaw<{ row: string }[]>`
      SELECT row_to_json(l)::text AS row FROM export_links l
      UNION ALL SELECT row_to_json(a)::text FROM audit_events a`;
    expect(tables.length).toBeGreaterThan(1);
    for (const { row: text } of tables) expect(text).not.toContain(secret);
  });

  it("answer the same 404 to unknown, malformed, revoked and expired links", async () => {
    const exportId = await finishedExport();
    const revoked = await createExportLink({ projectId, exportId, days: 7, actorId: admin.id });
    const expired = await createExportLink({ projectId, exportId, days: 7, actorId: admin.id });
    const live = await createExportLink({ projectId, exportId, days: 7, actorId: admin.id });

    await expectUnknown(await fetchLink(revoked.url.replace(/links\/[^/]+/, `links/${"A".repeat(43)}`)));
    await expectUnknown(await fetchLink(revoked.url.replace(/links\/[^/]+/, "links/short")));

    expect(await revokeExportLink({ projectId, linkId: revoked.link.id, actorId: admin.id })).toEqual({
      revoked: true,
    });
    expect(await revokeExportLink({ projectId, linkId: revoked.link.id, actorId: admin.id })).toEqual({
      revoked: false,
    });
    await expectUnknown(await fetchLink(revoked.url));
    await expectUnknown(await fetchLink(revoked.url, { method: "HEAD" }));

    await getPrisma().exportLink.update({ where: { id: expired.link.id }, data: { expiresAt: new Date() } });
    await expectUnknown(await fetchLink(expired.url));

    const states = Object.fromEntries(
      (await listExportLinks({ projectId, exportId })).map((l) => [l.id, l.state] as const),
    );
    expect(states).toEqual({ [revoked.link.id]: "revoked", [expired.link.id]: "expired", [live.link.id]: "active" });
    expect((await fetchLink(live.url)).status).toBe(200);
    // A revoke names a link of the project it acts on.
    const other = await getPrisma().project.create({ data: { name: `other ${Date.now()}` } });
    await expect(revokeExportLink({ projectId: other.id, linkId: live.link.id, actorId: admin.id })).rejects.toThrow(
      "That link does not exist in this project.",
    );
  });

  it("stop once the export's files are removed, or the export is no longer done", async () => {
    const removed = await finishedExport();
    const gone = await createExportLink({ projectId, exportId: removed, days: 7, actorId: admin.id });
    await removeExportFiles({ projectId, exportId: removed, actorId: admin.id });
    await expectUnknown(await fetchLink(gone.url));
    await expect(createExportLink({ projectId, exportId: removed, days: 7, actorId: admin.id })).rejects.toThrow(
      "no longer stored",
    );

    const rerun = await finishedExport();
    const again = await createExportLink({ projectId, exportId: rerun, days: 7, actorId: admin.id });
    await getPrisma().export.update({ where: { id: rerun }, data: { status: "running" } });
    await expectUnknown(await fetchLink(again.url));
  });

  it("stop when their creator is demoted or disabled, and go with their project", async () => {
    const exportId = await finishedExport();
    const demoted = await createTestUser("admin");
    const disabled = await createTestUser("admin");
    const byDemoted = await createExportLink({ projectId, exportId, days: 7, actorId: demoted.id });
    const byDisabled = await createExportLink({ projectId, exportId, days: 7, actorId: disabled.id });
    const byAdmin = await createExportLink({ projectId, exportId, days: 7, actorId: admin.id });
    expect((await fetchLink(byDemoted.url)).status).toBe(200);
    expect((await fetchLink(byDisabled.url)).status).toBe(200);

    await getPrisma().user.update({ where: { id: demoted.id }, data: { role: "annotator" } });
    await getPrisma().projectMember.create({ data: { projectId, userId: demoted.id } });
    await getPrisma().user.update({ where: { id: disabled.id }, data: { banned: true } });
    await expectUnknown(await fetchLink(byDemoted.url));
    await expectUnknown(await fetchLink(byDisabled.url));
    expect((await fetchLink(byAdmin.url)).status).toBe(200);

    const doomed = (await createExportProject({ admin, annotator: await createTestUser("annotator") })).project.id;
    const created = await createExport({
      projectId: doomed,
      options: exportOptionsSchema.parse({ status: "all" }),
      actorId: admin.id,
      enqueue: false,
    });
    await runExport({ exportId: created.exportId });
    const orphan = await createExportLink({
      projectId: doomed,
      exportId: created.exportId,
      days: 7,
      actorId: admin.id,
    });
    await getPrisma().project.delete({ where: { id: doomed } });
    await expectUnknown(await fetchLink(orphan.url));
  });

  it("are audited when created and revoked", async () => {
    const exportId = await finishedExport();
    const { link: row } = await createExportLink({ projectId, exportId, days: 90, actorId: admin.id });
    await revokeExportLink({ projectId, linkId: row.id, actorId: admin.id });
    const events = await getPrisma().auditEvent.findMany({
      where: { targetType: "export", targetId: exportId, action: { startsWith: "export.link_" } },
      orderBy: { id: "asc" },
    });
    expect(events.map((e) => [e.action, e.actorId, (e.data as { linkId: string }).linkId])).toEqual([
      ["export.link_create", admin.id, row.id],
      ["export.link_revoke", admin.id, row.id],
    ]);
    expect(new Date(row.expiresAt).getTime() - Date.now()).toBeGreaterThan(89 * 24 * 3600 * 1000);
  });
});

// The decisions and exports endpoints of the REST API (/api/v1) through their
// route handlers with real Requests on a real Postgres: a decision changes a
// node as the review page's does (same services, same blind-review and
// conflict rules), a bulk decision needs the scope's current count, and an
// export started through the API is written by the export worker and served
// byte for byte as the export page's download serves it, also by signed link.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { apiToken, callApi, expectApiError, MISSING_ID, type ApiHandler } from "@/tests/fixtures/api-client";
import { addEvolvedNodes } from "@/tests/fixtures/evolved-nodes";
import { createExportProject } from "@/tests/fixtures/export-project";
import { createProjectWithSeeds } from "@/tests/fixtures/projects";
import { actAs } from "@/tests/fixtures/request-context";
import { withTemporaryDataDir } from "@/tests/fixtures/temporary-data-dir";
import { createTestUser, signInCookie, type TestUser } from "@/tests/fixtures/users";
import { setupTestDatabase } from "@/tests/setup/test-database";

vi.mock("next/headers", () => import("@/tests/fixtures/next-headers"));

process.env.API_RATE_LIMIT_PER_MINUTE = "1000";
const { url } = await setupTestDatabase();
await withTemporaryDataDir("api-v1-exports");
const { getPrisma } = await import("@/lib/server/db/prisma");
const { stopBoss } = await import("@/lib/server/jobs/boss");
const { startExportWorker } = await import("@/lib/server/jobs/export-worker");
const { createExport } = await import("@/lib/server/export/create-export");
const { exportOptionsSchema } = await import("@/lib/validation/export");
const { getAgreement } = await import("@/lib/server/review/get-agreement");
const decision = await import("@/app/api/v1/nodes/[nodeId]/decision/route");
const bulkCount = await import("@/app/api/v1/projects/[projectId]/decisions/bulk/count/route");
const bulk = await import("@/app/api/v1/projects/[projectId]/decisions/bulk/route");
const bulkUndo = await import("@/app/api/v1/projects/[projectId]/decisions/bulk/[bulkId]/undo/route");
const projectExports = await import("@/app/api/v1/projects/[projectId]/exports/route");
const exportOne = await import("@/app/api/v1/exports/[exportId]/route");
const exportFile = await import("@/app/api/v1/exports/[exportId]/file/route");
const exportLinks = await import("@/app/api/v1/exports/[exportId]/links/route");
const exportLink = await import("@/app/api/v1/exports/[exportId]/links/[linkId]/route");
const project = await import("@/app/api/v1/projects/[projectId]/route");
const cookieDownload = await import("@/app/api/projects/[projectId]/exports/[exportId]/download/route");
const cookieDecision = await import("@/app/api/projects/[projectId]/nodes/[nodeId]/decision/route");
const publicLink = await import("@/app/api/v1/links/[secret]/[fileName]/route");

afterAll(() => stopBoss());

let admin: TestUser;
let annotator: TestUser;
let outsider: TestUser;
const secrets: Record<"adminRead" | "adminWrite" | "annotatorRead" | "annotatorWrite" | "outsiderWrite", string> = {
  adminRead: "",
  adminWrite: "",
  annotatorRead: "",
  annotatorWrite: "",
  outsiderWrite: "",
};

beforeAll(async () => {
  [admin, annotator, outsider] = await Promise.all([
    createTestUser("admin"),
    createTestUser("annotator"),
    createTestUser("annotator"),
  ]);
  secrets.adminRead = (await apiToken(admin, "read")).secret;
  secrets.adminWrite = (await apiToken(admin, "write")).secret;
  secrets.annotatorRead = (await apiToken(annotator, "read")).secret;
  secrets.annotatorWrite = (await apiToken(annotator, "write")).secret;
  secrets.outsiderWrite = (await apiToken(outsider, "write")).secret;
});

const post = (handler: ApiHandler, secret: string, path: string, params: object, body: unknown) =>
  callApi(handler, {
    secret,
    path,
    method: "POST",
    params,
    body: typeof body === "string" ? body : JSON.stringify(body),
  });

/** seed → a → (a1, a2), seed → b, in a project the annotator is a member of, with an annotator bulk limit of 3. */
async function forest() {
  const projectId = (await createProjectWithSeeds({ count: 1, actorId: admin.id })).id;
  await getPrisma().project.update({ where: { id: projectId }, data: { annotatorBulkLimit: 3 } });
  await getPrisma().projectMember.create({ data: { projectId, userId: annotator.id } });
  const ids = await addEvolvedNodes({ projectId, shape: { a: "seed", a1: "a", a2: "a", b: "seed" } });
  return { projectId, ...ids };
}

const decide = (secret: string, nodeId: string, body: unknown) =>
  post(decision.POST, secret, `/nodes/${nodeId}/decision`, { nodeId }, body);
const nodeRow = (id: string) => getPrisma().node.findUniqueOrThrow({ where: { id } });
const reviewsIn = (projectId: string) => getPrisma().review.count({ where: { node: { projectId } } });

describe("POST /api/v1/nodes/{nodeId}/decision", () => {
  it("accepts and rejects as the review page does: the node's status, the review counts and agreement follow", async () => {
    const f = await forest();
    const accepted = await decide(secrets.annotatorWrite, f.a, { decision: "accept" });
    expect(accepted.status, await accepted.clone().text()).toBe(200);
    const body = (await accepted.json()) as { review_id: string };
    expect(body).toEqual({
      node_id: f.a,
      decision: "accept",
      human_status: "accepted",
      review_id: expect.any(String),
      conflict: null,
      changed: null,
    });
    expect(await nodeRow(f.a)).toMatchObject({ humanStatus: "accepted" });

    const rejected = await decide(secrets.adminWrite, f.b, {
      decision: "reject",
      reasonTags: ["too_easy", "duplicate"],
      note: "  seen it  ",
    });
    expect(await rejected.json()).toMatchObject({ node_id: f.b, decision: "reject", human_status: "rejected" });
    const review = await getPrisma().review.findFirstOrThrow({ where: { nodeId: f.b } });
    expect(review).toMatchObject({ reviewerId: admin.id, reasonTags: ["too_easy", "duplicate"], note: "seen it" });

    // The same decision through the review page's own route gives the same status.
    actAs(await signInCookie(annotator));
    const form = new FormData();
    form.set("decision", JSON.stringify({ decision: "accept" }));
    const page = await cookieDecision.POST(
      new Request(`http://localhost/api/projects/${f.projectId}/nodes/${f.a1}/decision`, {
        method: "POST",
        body: form,
      }),
      { params: Promise.resolve({ projectId: f.projectId, nodeId: f.a1 }) },
    );
    expect(await page.json()).toMatchObject({ humanStatus: "accepted" });
    actAs(null);

    const counts = (await (
      await callApi(project.GET, {
        secret: secrets.annotatorRead,
        path: `/projects/${f.projectId}`,
        params: { projectId: f.projectId },
      })
    ).json()) as { counts: { accepted: number; rejected: number } };
    expect(counts.counts).toMatchObject({ accepted: 2, rejected: 1 });
    expect((await getAgreement({ projectId: f.projectId })).decisions).toBe(3);
  });

  it("keeps both decisions when someone decided meanwhile and names theirs in `conflict`, as the page does", async () => {
    const f = await forest();
    const first = (await (await decide(secrets.adminWrite, f.a, { decision: "reject" })).json()) as {
      review_id: string;
    };
    const late = await decide(secrets.annotatorWrite, f.a, { decision: "accept" });
    expect(late.status).toBe(200);
    expect(await late.json()).toMatchObject({
      decision: "accept",
      human_status: "rejected", // admin_word: the admin's word stands
      conflict: { reviewer: admin.email, decision: "reject", at: expect.any(String) },
    });
    expect(await getPrisma().review.count({ where: { nodeId: f.a, revokedAt: null } })).toBe(2);
    // Having seen the admin's decision (seenReviewId), or blind since before it (seenAt), it is no conflict.
    const seen = await decide(secrets.annotatorWrite, f.a, { decision: "reject", seenReviewId: first.review_id });
    expect(await seen.json()).toMatchObject({ conflict: null });
    const blindSince = new Date(Date.now() + 1_000).toISOString();
    await decide(secrets.adminWrite, f.b, { decision: "accept" });
    const blind = await decide(secrets.annotatorWrite, f.b, { decision: "reject", seenAt: blindSince });
    expect(await blind.json()).toMatchObject({ conflict: null });
  });

  it("edits the instruction or the answer, keeping the text before; the status stays blind for an annotator", async () => {
    const f = await forest();
    await decide(secrets.adminWrite, f.a, { decision: "accept" });
    const before = (await nodeRow(f.a)).instruction;
    const edited = await decide(secrets.annotatorWrite, f.a, {
      decision: "edit",
      field: "instruction",
      text: "  A harder question  ",
    });
    expect(edited.status, await edited.clone().text()).toBe(200);
    // The admin accepted it, but the annotator has not decided it: blind review shows "unreviewed".
    expect(await edited.json()).toEqual({
      node_id: f.a,
      decision: "edit",
      human_status: "unreviewed",
      review_id: null,
      conflict: null,
      changed: true,
    });
    expect(await nodeRow(f.a)).toMatchObject({ instruction: "A harder question", humanStatus: "accepted" });
    expect(await getPrisma().nodeEdit.findFirstOrThrow({ where: { nodeId: f.a } })).toMatchObject({
      editorId: annotator.id,
      field: "instruction",
      before,
      after: "A harder question",
    });
    const again = await decide(secrets.adminWrite, f.a, {
      decision: "edit",
      field: "instruction",
      text: "A harder question",
    });
    expect(await again.json()).toMatchObject({ changed: false, human_status: "accepted" });
    const answer = await decide(secrets.adminWrite, f.a, { decision: "edit", field: "output", text: "New answer" });
    expect(await answer.json()).toMatchObject({ changed: true });
    expect(await nodeRow(f.a)).toMatchObject({ output: "New answer" });
  });

  it("refuses a read token (403), another's project and unknown nodes alike (404), bad bodies (400)", async () => {
    const f = await forest();
    const accept = { decision: "accept" };
    expect(
      (await expectApiError(await decide(secrets.annotatorRead, f.a, accept), 403, "FORBIDDEN")).message,
    ).toContain("read-only");
    const other = await expectApiError(await decide(secrets.outsiderWrite, f.a, accept), 404, "NOT_FOUND");
    const limited = await apiToken(admin, "write", { projectIds: [(await forest()).projectId] });
    const outside = await expectApiError(await decide(limited.secret, f.a, accept), 404, "NOT_FOUND");
    const unknown = await expectApiError(await decide(secrets.adminWrite, MISSING_ID, accept), 404, "NOT_FOUND");
    expect(new Set([other.message, outside.message, unknown.message])).toEqual(new Set(["Unknown node."]));
    await expectApiError(await decide(secrets.adminWrite, "not-a-uuid", accept), 400, "INVALID");

    const bad = [
      [{ decision: "maybe" }, "decision"],
      [{ decision: "reject", reasonTags: ["rude"] }, "reasonTags"],
      [{ decision: "reject", note: "x".repeat(2001) }, "note"],
      [{ decision: "accept", seenReviewId: "nope" }, "seenReviewId"],
      [{ decision: "edit", field: "instruction", text: "   " }, "text"],
      [{ decision: "edit", field: "input", text: "x" }, "field"],
    ] as const;
    for (const [body, field] of bad) {
      const error = await expectApiError(await decide(secrets.adminWrite, f.a, body), 400, "INVALID");
      expect(error.details, JSON.stringify(body)).toMatchObject({
        source: "body",
        fieldErrors: { [field]: [expect.any(String)] },
      });
    }
    await expectApiError(await decide(secrets.adminWrite, f.a, "{nope"), 400, "INVALID");
    expect(await reviewsIn(f.projectId)).toBe(0);
    expect(await getPrisma().nodeEdit.count({ where: { node: { projectId: f.projectId } } })).toBe(0);
  });
});

describe("bulk decisions: /api/v1/projects/{projectId}/decisions/bulk", () => {
  const everything = { kind: "filter", filter: { status: "any" } }; // the 4 evolved nodes
  const count = (secret: string, projectId: string, scope: unknown) =>
    post(bulkCount.POST, secret, `/projects/${projectId}/decisions/bulk/count`, { projectId }, { scope });
  const decideBulk = (secret: string, projectId: string, body: unknown) =>
    post(bulk.POST, secret, `/projects/${projectId}/decisions/bulk`, { projectId }, body);
  const undo = (secret: string, projectId: string, bulkId: string) =>
    callApi(bulkUndo.POST, {
      secret,
      path: `/projects/${projectId}/decisions/bulk/${bulkId}/undo`,
      method: "POST",
      params: { projectId, bulkId },
    });

  it("counts a scope as the confirmation does, with the owner's bulk limit", async () => {
    const f = await forest();
    expect(await (await count(secrets.annotatorWrite, f.projectId, everything)).json()).toEqual({ count: 4, limit: 3 });
    expect(await (await count(secrets.adminWrite, f.projectId, everything)).json()).toEqual({ count: 4, limit: null });
    const subtree = await count(secrets.adminWrite, f.projectId, { kind: "subtree", nodeId: f.a });
    expect(await subtree.json()).toEqual({ count: 3, limit: null });
    // A selection counts only this project's nodes.
    const other = await forest();
    const mixed = await count(secrets.adminWrite, f.projectId, { kind: "selection", nodeIds: [f.a, other.a] });
    expect(await mixed.json()).toEqual({ count: 1, limit: null });
  });

  it("refuses a confirm_count that is not the current count (409 with the count), deciding nothing", async () => {
    const f = await forest();
    for (const confirm of [3, 5]) {
      const error = await expectApiError(
        await decideBulk(secrets.adminWrite, f.projectId, {
          decision: "reject",
          scope: everything,
          confirm_count: confirm,
        }),
        409,
        "CONFLICT",
      );
      expect(error).toMatchObject({
        message: `The scope now holds 4 nodes, not the ${confirm} you confirmed; nothing was changed. Check and confirm again.`,
        details: { count: 4, confirm_count: confirm },
      });
    }
    const none = { kind: "filter", filter: { q: "matches nothing at all" } };
    const empty = await expectApiError(
      await decideBulk(secrets.adminWrite, f.projectId, { decision: "accept", scope: none, confirm_count: 1 }),
      409,
      "CONFLICT",
    );
    expect(empty.details).toEqual({ count: 0, confirm_count: 1 });
    expect(await reviewsIn(f.projectId)).toBe(0);
    expect(await getPrisma().bulkAction.count({ where: { projectId: f.projectId } })).toBe(0);

    const done = await decideBulk(secrets.adminWrite, f.projectId, {
      decision: "reject",
      scope: everything,
      confirm_count: 4,
    });
    expect(done.status, await done.clone().text()).toBe(201);
    expect(await done.json()).toEqual({ bulk_action_id: expect.any(String), count: 4 });
    expect(await getPrisma().node.count({ where: { projectId: f.projectId, humanStatus: "rejected" } })).toBe(4);
  });

  it("holds an annotator to the bulk limit whatever they confirm; within it they decide and undo", async () => {
    const f = await forest();
    for (const confirm of [4, 3]) {
      const over = await expectApiError(
        await decideBulk(secrets.annotatorWrite, f.projectId, {
          decision: "reject",
          scope: everything,
          confirm_count: confirm,
        }),
        422,
        "FAILED",
      );
      expect(over.message).toBe(
        "4 nodes is more than annotators may decide at once in this project (3): narrow the scope, or ask an admin.",
      );
    }
    expect(await reviewsIn(f.projectId)).toBe(0);

    const roundTwo = { kind: "filter", filter: { round: 2 } }; // a1, a2
    const done = await decideBulk(secrets.annotatorWrite, f.projectId, {
      decision: "reject",
      scope: roundTwo,
      confirm_count: 2,
    });
    const { bulk_action_id: bulkId } = (await done.json()) as { bulk_action_id: string };
    expect(await getPrisma().node.count({ where: { projectId: f.projectId, humanStatus: "rejected" } })).toBe(2);

    // Only its author or an admin undoes it; a read token cannot.
    const colleague = await createTestUser("annotator");
    await getPrisma().projectMember.create({ data: { projectId: f.projectId, userId: colleague.id } });
    const theirs = (await apiToken(colleague, "write")).secret;
    await expectApiError(await undo(theirs, f.projectId, bulkId), 422, "FAILED");
    await expectApiError(await undo(secrets.annotatorRead, f.projectId, bulkId), 403, "FORBIDDEN");
    const undone = await undo(secrets.annotatorWrite, f.projectId, bulkId);
    expect(undone.status, await undone.clone().text()).toBe(200);
    expect(await undone.json()).toEqual({ bulk_action_id: bulkId, count: 2 });
    expect(await getPrisma().node.count({ where: { projectId: f.projectId, humanStatus: "rejected" } })).toBe(0);
    expect(await getPrisma().review.count({ where: { bulkActionId: bulkId, revokedAt: { not: null } } })).toBe(2);
    await expectApiError(await undo(secrets.annotatorWrite, f.projectId, bulkId), 409, "CONFLICT");
    // Unknown, and of another project through this one's URL: 404.
    await expectApiError(await undo(secrets.adminWrite, f.projectId, MISSING_ID), 404, "NOT_FOUND");
    const other = await forest();
    await expectApiError(await undo(secrets.adminWrite, other.projectId, bulkId), 404, "NOT_FOUND");
  });

  it("refuses read tokens (403), another's project (404) and bad bodies (400)", async () => {
    const f = await forest();
    const body = { decision: "accept", scope: everything, confirm_count: 4 };
    await expectApiError(await decideBulk(secrets.adminRead, f.projectId, body), 403, "FORBIDDEN");
    await expectApiError(await count(secrets.adminRead, f.projectId, everything), 403, "FORBIDDEN");
    const theirs = await expectApiError(await decideBulk(secrets.outsiderWrite, f.projectId, body), 404, "NOT_FOUND");
    const unknown = await expectApiError(await decideBulk(secrets.adminWrite, MISSING_ID, body), 404, "NOT_FOUND");
    expect(theirs.message).toBe(unknown.message);
    await expectApiError(await count(secrets.outsiderWrite, f.projectId, everything), 404, "NOT_FOUND");

    const bad = [
      [{ ...body, confirm_count: 0 }, "confirm_count"],
      [{ ...body, confirm_count: "4" }, "confirm_count"],
      [{ ...body, decision: "edit" }, "decision"],
      [{ ...body, scope: { kind: "everything" } }, "scope"],
      [{ ...body, scope: { kind: "selection", nodeIds: [] } }, "scope"],
      [{ ...body, scope: { kind: "selection", nodeIds: Array.from({ length: 5001 }, () => MISSING_ID) } }, "scope"],
    ] as const;
    for (const [sent, field] of bad) {
      const error = await expectApiError(await decideBulk(secrets.adminWrite, f.projectId, sent), 400, "INVALID");
      expect(error.details, field).toMatchObject({ source: "body", fieldErrors: { [field]: [expect.any(String)] } });
    }
    expect(await reviewsIn(f.projectId)).toBe(0);
  });
});

describe("exports: /api/v1/projects/{projectId}/exports and /api/v1/exports/{exportId}", () => {
  let projectId: string;
  let adminCookie: string;
  let stopWorker: () => Promise<void>;

  beforeAll(async () => {
    projectId = (await createExportProject({ admin, annotator })).project.id;
    adminCookie = await signInCookie(admin);
    stopWorker = (await startExportWorker({ connectionString: url, concurrency: 1, threads: false })).stop;
  });
  afterAll(() => stopWorker());

  const start = (secret: string, body: unknown, id = projectId) =>
    post(projectExports.POST, secret, `/projects/${id}/exports`, { projectId: id }, body);
  const getOne = (secret: string, exportId: string) =>
    callApi(exportOne.GET, { secret, path: `/exports/${exportId}`, params: { exportId } });
  const file = (
    secret: string,
    exportId: string,
    init: { query?: string; method?: string; headers?: Record<string, string> } = {},
  ) =>
    callApi(init.method === "HEAD" ? exportFile.HEAD : exportFile.GET, {
      secret,
      path: `/exports/${exportId}/file${init.query ?? ""}`,
      method: init.method,
      headers: init.headers,
      params: { exportId },
    });
  const share = (secret: string, exportId: string, body: unknown) =>
    post(exportLinks.POST, secret, `/exports/${exportId}/links`, { exportId }, body);
  const revoke = (secret: string, exportId: string, linkId: string) =>
    callApi(exportLink.DELETE, {
      secret,
      path: `/exports/${exportId}/links/${linkId}`,
      method: "DELETE",
      params: { exportId, linkId },
    });

  type ExportJson = {
    id: string;
    status: string;
    status_text: string;
    expected_count: number;
    records_written: number;
    skipped: number;
    bytes: number;
  };
  async function untilDone(exportId: string): Promise<ExportJson> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const row = (await (await getOne(secrets.adminRead, exportId)).json()) as ExportJson;
      if (row.status === "done" || row.status === "failed" || Date.now() > deadline) return row;
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  async function viaCookie(exportId: string, headers: Record<string, string> = {}) {
    actAs(adminCookie);
    const response = await cookieDownload.GET(
      new Request(`http://localhost/api/projects/${projectId}/exports/${exportId}/download`, { headers }),
      { params: Promise.resolve({ projectId, exportId }) },
    );
    actAs(null);
    return response;
  }

  let finished: string;

  it("starts an export with the form's options (201), which the worker writes; its file is the download's bytes", async () => {
    const created = await start(secrets.adminWrite, { status: "all", format: "alpaca", includeSeeds: false });
    expect(created.status, await created.clone().text()).toBe(201);
    const body = (await created.json()) as ExportJson & Record<string, unknown>;
    expect(body).toMatchObject({
      project_id: projectId,
      status: "queued",
      status_text: "queued",
      format: "alpaca",
      options: { status: "all", includeSeeds: false, format: "alpaca", excludeHeldOut: true },
      records_written: 0,
      bytes: null,
      file_name: expect.stringMatching(/\.jsonl$/),
      created_by: admin.email,
    });
    const done = await untilDone(body.id);
    expect(done).toMatchObject({
      status: "done",
      status_text: "done",
      error: null,
    });
    // Every selected node is written or skipped (a node without an answer), as the export page counts them.
    expect(done.records_written).toBeGreaterThan(0);
    expect(done.records_written + done.skipped).toBe(body.expected_count);
    finished = body.id;

    const served = await file(secrets.adminRead, body.id);
    expect(served.status).toBe(200);
    expect(served.headers.get("content-disposition")).toContain(
      `filename*=UTF-8''${encodeURIComponent(body.file_name as string)}`,
    );
    const bytes = Buffer.from(await served.arrayBuffer());
    const cookie = await viaCookie(body.id);
    expect(cookie.status).toBe(200);
    expect(bytes.equals(Buffer.from(await cookie.arrayBuffer()))).toBe(true);
    expect(bytes.length).toBe(done.bytes);
    const records = bytes.toString("utf8").trim().split("\n");
    expect(records).toHaveLength(done.records_written);

    const range = await file(secrets.adminRead, body.id, { headers: { range: "bytes=5-14" } });
    expect(range.status).toBe(206);
    expect(range.headers.get("content-range")).toBe(`bytes 5-14/${bytes.length}`);
    expect(Buffer.from(await range.arrayBuffer()).equals(bytes.subarray(5, 15))).toBe(true);
    const cookieRange = await viaCookie(body.id, { range: "bytes=5-14" });
    expect(cookieRange.headers.get("content-range")).toBe(range.headers.get("content-range"));
    const head = await file(secrets.adminRead, body.id, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.headers.get("etag")).toBe(served.headers.get("etag"));
    expect(head.headers.get("accept-ranges")).toBe("bytes");
    expect(head.body).toBeNull();
    await expectApiError(await file(secrets.adminRead, body.id, { query: "?file=card" }), 404, "NOT_FOUND");
    await expectApiError(await file(secrets.adminRead, body.id, { query: "?file=secrets" }), 400, "INVALID");
    expect((await file(secrets.adminRead, body.id, { headers: { range: "bytes=999999-" } })).status).toBe(416);
  });

  it("takes every option of the form (a bundle in another format) and refuses what the form refuses (400)", async () => {
    const options = {
      status: "accepted",
      rounds: [1],
      operations: ["deepen"],
      skill: "",
      includeSeeds: true,
      excludeHeldOut: false,
      dedupe: { enabled: true, threshold: 0.9 },
      format: "sharegpt",
      lineage: true,
      systemPrompt: "Be brief.",
      bundle: true,
      keepRawText: false,
    };
    const created = await start(secrets.adminWrite, options);
    expect(created.status, await created.clone().text()).toBe(201);
    const body = (await created.json()) as { id: string; lineage: boolean; bundle: boolean; options: object };
    expect(body).toMatchObject({ lineage: true, bundle: true, options: { ...options, dedupe: options.dedupe } });
    expect((await untilDone(body.id)).status).toBe("done");
    const archive = await file(secrets.adminRead, body.id);
    expect(archive.headers.get("content-type")).toBe("application/zip");
    expect((await file(secrets.adminRead, body.id, { query: "?file=card" })).status).toBe(200);

    const before = await getPrisma().export.count();
    const bad = [
      [{ format: "docx" }, "format"],
      [{ format: "openai", lineage: true }, "lineage"],
      [{ rounds: [0] }, "rounds"],
      [{ status: "good" }, "status"],
      [{ dedupe: { enabled: true, threshold: 0.1 } }, "dedupe"],
      [{ systemPrompt: "x".repeat(4001) }, "systemPrompt"],
      [{ runId: "nope" }, "runId"],
    ] as const;
    for (const [sent, field] of bad) {
      const error = await expectApiError(await start(secrets.adminWrite, sent), 400, "INVALID");
      expect(error.details, field).toMatchObject({ source: "body", fieldErrors: { [field]: [expect.any(String)] } });
    }
    // A run of another project: the service's own refusal.
    const elsewhere = await getPrisma()
      .run.findFirstOrThrow({ where: { projectId: { not: projectId } } })
      .catch(() => null);
    const runId = elsewhere?.id ?? MISSING_ID;
    expect((await expectApiError(await start(secrets.adminWrite, { runId }), 400, "INVALID")).message).toBe(
      "That run is not part of this project.",
    );
    expect(await getPrisma().export.count()).toBe(before);
  });

  it("lists the project's exports newest first, page by page", async () => {
    const all = await getPrisma().export.findMany({
      where: { projectId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    });
    expect(all.length).toBeGreaterThanOrEqual(2);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `?limit=1${cursor ? `&cursor=${cursor}` : ""}`;
      const page = (await (
        await callApi(projectExports.GET, {
          secret: secrets.adminRead,
          path: `/projects/${projectId}/exports${query}`,
          params: { projectId },
        })
      ).json()) as { data: { id: string }[]; next_cursor: string | null };
      expect(page.data.length).toBeLessThanOrEqual(1);
      seen.push(...page.data.map((e) => e.id));
      cursor = page.next_cursor;
    } while (cursor);
    expect(seen).toEqual(all.map((e) => e.id));
  });

  it("answers 409 for the file or a link of an unfinished export, and says so in its status", async () => {
    const queued = await createExport({
      projectId,
      options: exportOptionsSchema.parse({}),
      actorId: admin.id,
      enqueue: false,
    });
    expect(await (await getOne(secrets.adminRead, queued.exportId)).json()).toMatchObject({ status: "queued" });
    await expectApiError(await file(secrets.adminRead, queued.exportId), 409, "CONFLICT");
    await expectApiError(await share(secrets.adminWrite, queued.exportId, {}), 409, "CONFLICT");
  });

  it("is for admins: annotators' and read tokens' writes are refused (403); another's and unknown exports 404 alike", async () => {
    await getPrisma().projectMember.upsert({
      where: { projectId_userId: { projectId, userId: annotator.id } },
      create: { projectId, userId: annotator.id },
      update: {},
    });
    const before = await getPrisma().export.count();
    await expectApiError(await start(secrets.annotatorWrite, {}), 403, "FORBIDDEN");
    await expectApiError(await start(secrets.adminRead, {}), 403, "FORBIDDEN");
    await expectApiError(await getOne(secrets.annotatorRead, finished), 403, "FORBIDDEN");
    await expectApiError(await file(secrets.annotatorRead, finished), 403, "FORBIDDEN");
    await expectApiError(await share(secrets.annotatorWrite, finished, {}), 403, "FORBIDDEN");
    await expectApiError(await share(secrets.adminRead, finished, {}), 403, "FORBIDDEN");
    expect(await getPrisma().export.count()).toBe(before);

    const limited = (await apiToken(admin, "write", { projectIds: [(await forest()).projectId] })).secret;
    const messages = [];
    for (const response of [
      await getOne(limited, finished),
      await getOne(secrets.adminRead, MISSING_ID),
      await file(limited, finished),
      await file(secrets.adminRead, MISSING_ID),
      await share(limited, finished, {}),
      await share(secrets.adminWrite, MISSING_ID, {}),
    ])
      messages.push((await expectApiError(response, 404, "NOT_FOUND")).message);
    expect(new Set(messages)).toEqual(new Set(["Unknown export."]));
    await expectApiError(await start(limited, {}), 404, "NOT_FOUND");
    await expectApiError(await getOne(secrets.adminRead, "nope"), 400, "INVALID");
  });

  it("shares a finished export by a signed link whose url downloads without a token, until revoked", async () => {
    const created = await share(secrets.adminWrite, finished, { days: 1 });
    expect(created.status, await created.clone().text()).toBe(201);
    const link = (await created.json()) as { id: string; url: string; expires_at: string; files: unknown[] };
    expect(link.url).toMatch(/^http:\/\/localhost:\d+\/api\/v1\/links\/[A-Za-z0-9_-]{43}\/[^/]+\.jsonl$/);
    expect(Date.parse(link.expires_at) - Date.now()).toBeGreaterThan(23 * 3600_000);
    expect(Date.parse(link.expires_at) - Date.now()).toBeLessThanOrEqual(24 * 3600_000);
    expect(link.files).toEqual([{ file: "data", name: expect.any(String), url: link.url }]);

    const fetchLink = (method = "GET") => {
      const [, secret, name] = /\/api\/v1\/links\/([^/]+)\/([^/?]+)$/.exec(new URL(link.url).pathname)!;
      const handler = method === "HEAD" ? publicLink.HEAD : publicLink.GET;
      return handler(new Request(link.url, { method }), {
        params: Promise.resolve({ secret, fileName: decodeURIComponent(name!) }),
      });
    };
    const downloaded = await fetchLink();
    expect(downloaded.status).toBe(200);
    const viaToken = Buffer.from(await (await file(secrets.adminRead, finished)).arrayBuffer());
    expect(Buffer.from(await downloaded.arrayBuffer()).equals(viaToken)).toBe(true);

    const week = (await (await share(secrets.adminWrite, finished, {})).json()) as { expires_at: string };
    expect(Date.parse(week.expires_at) - Date.now()).toBeGreaterThan(6.9 * 24 * 3600_000);
    for (const days of [0, 91, 1.5, "forever"]) {
      const error = await expectApiError(await share(secrets.adminWrite, finished, { days }), 400, "INVALID");
      expect(error.details).toMatchObject({ fieldErrors: { days: [expect.any(String)] } });
    }

    await expectApiError(await revoke(secrets.adminRead, finished, link.id), 403, "FORBIDDEN");
    await expectApiError(await revoke(secrets.adminWrite, MISSING_ID, link.id), 404, "NOT_FOUND");
    await expectApiError(await revoke(secrets.adminWrite, finished, MISSING_ID), 404, "NOT_FOUND");
    const limited = (await apiToken(admin, "write", { projectIds: [(await forest()).projectId] })).secret;
    await expectApiError(await revoke(limited, finished, link.id), 404, "NOT_FOUND");
    const revoked = await revoke(secrets.adminWrite, finished, link.id);
    expect(revoked.status).toBe(200);
    expect(await revoked.json()).toEqual({ id: link.id, revoked: true });
    expect((await fetchLink()).status).toBe(404);
    expect(await (await revoke(secrets.adminWrite, finished, link.id)).json()).toEqual({ id: link.id, revoked: false });
  });
});

// The seeds and nodes endpoints of the REST API (/api/v1) through their route
// handlers with real Requests on a real Postgres: seed import in every format
// (raw bodies and a form), its dry run, all-or-nothing and skip_invalid, the
// byte cap (413 on a stream with no length), the seed list and its search,
// nodes made by a real run against the LLM simulator with every review-queue
// filter, a node with its verdicts and reviews, its lineage tree, and blind
// review for annotators throughout.
import { parquetWriteBuffer } from "hyparquet-writer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSimulator, type Simulator } from "@/lib/simulator/create-simulator";
import { apiToken, callApi, expectApiError, MISSING_ID } from "@/tests/fixtures/api-client";
import { createProjectWithSeeds } from "@/tests/fixtures/projects";
import { simulatorRunOptions } from "@/tests/fixtures/run-options";
import { createTestUser, type TestUser } from "@/tests/fixtures/users";
import { waitForRunStatus } from "@/tests/fixtures/wait-for-run";
import { setupTestDatabase } from "@/tests/setup/test-database";

process.env.API_RATE_LIMIT_PER_MINUTE = "100000";
const { url } = await setupTestDatabase();
const { getPrisma } = await import("@/lib/server/db/prisma");
const { startRun } = await import("@/lib/server/runs/start-run");
const { startStepWorker } = await import("@/lib/server/jobs/step-worker");
const { stopBoss } = await import("@/lib/server/jobs/boss");
const { decideNode } = await import("@/lib/server/review/decide-node");
const { requestKeysOfStep } = await import("@/lib/server/runs/step-key");
const { MAX_SEED_FILE_BYTES } = await import("@/lib/validation/seeds");
const seeds = await import("@/app/api/v1/projects/[projectId]/seeds/route");
const nodes = await import("@/app/api/v1/projects/[projectId]/nodes/route");
const node = await import("@/app/api/v1/nodes/[nodeId]/route");
const nodeTree = await import("@/app/api/v1/nodes/[nodeId]/tree/route");
const openapi = await import("@/app/api/v1/openapi.json/route");

let admin: TestUser;
let annotator: TestUser;
let otherAnnotator: TestUser;
let project: { id: string };
let theirs: { id: string };
const secrets: Record<string, string> = {};

beforeAll(async () => {
  admin = await createTestUser("admin");
  annotator = await createTestUser("annotator");
  otherAnnotator = await createTestUser("annotator");
  const prisma = getPrisma();
  project = await prisma.project.create({ data: { name: `api seeds ${Date.now()}` } });
  theirs = await createProjectWithSeeds({ count: 3, actorId: admin.id });
  for (const user of [annotator, otherAnnotator])
    await prisma.projectMember.create({ data: { projectId: project.id, userId: user.id } });
  secrets.adminWrite = (await apiToken(admin, "write")).secret;
  secrets.adminRead = (await apiToken(admin, "read")).secret;
  secrets.annotatorWrite = (await apiToken(annotator, "write")).secret;
  secrets.annotatorRead = (await apiToken(annotator, "read")).secret;
  secrets.otherRead = (await apiToken(otherAnnotator, "read")).secret;
  // An admin's token limited to the other project: this project is "another's" to it.
  secrets.limitedWrite = (await apiToken(admin, "write", { projectIds: [theirs.id] })).secret;
});

type Json = Record<string, unknown>;

const jsonl = (records: object[]) => records.map((r) => JSON.stringify(r)).join("\n");
const unique = (label: string, n: number) =>
  Array.from({ length: n }, (_, i) => ({ instruction: `${label} ${Date.now()} #${i}: explain it.`, output: "ok" }));

function importSeeds(options: {
  secret: string;
  projectId?: string;
  body: BodyInit;
  contentType?: string;
  query?: string;
}) {
  const projectId = options.projectId ?? project.id;
  return callApi(seeds.POST, {
    secret: options.secret,
    method: "POST",
    path: `/projects/${projectId}/seeds${options.query ?? ""}`,
    params: { projectId },
    rawBody: options.body,
    headers: options.contentType ? { "content-type": options.contentType } : {},
  });
}

const seedCount = (projectId = project.id) => getPrisma().node.count({ where: { projectId, parentId: null } });

describe("POST /api/v1/projects/{projectId}/seeds", () => {
  it("imports a JSONL body with an admin's write token (201): counts, the import recorded, audited", async () => {
    const before = await seedCount();
    const records = unique("jsonl", 4);
    const body = jsonl([...records, records[0]!]);
    const response = await importSeeds({
      secret: secrets.adminWrite!,
      body,
      contentType: "application/x-ndjson",
      query: "?file_name=mine.jsonl",
    });
    expect(response.status, await response.clone().text()).toBe(201);
    const result = (await response.json()) as Json;
    expect(result).toEqual({
      dry_run: false,
      import_id: expect.any(String),
      file_name: "mine.jsonl",
      format: "jsonl",
      rows_read: 5,
      imported: 4,
      duplicates_in_file: 1,
      already_in_project: 0,
      skipped_invalid: 0,
    });
    expect(await seedCount()).toBe(before + 4);
    const prisma = getPrisma();
    expect(await prisma.seedImport.findUnique({ where: { id: result.import_id as string } })).toMatchObject({
      projectId: project.id,
      createdById: admin.id,
      fileName: "mine.jsonl",
      rowsImported: 4,
    });
    const audit = await prisma.auditEvent.findMany({ where: { actorId: admin.id }, orderBy: { id: "desc" }, take: 2 });
    expect(audit.map((a) => a.action).sort()).toEqual(["api.write", "seeds.import"]);

    // The same file again: everything is already there.
    const again = (await (
      await importSeeds({ secret: secrets.adminWrite!, body, contentType: "application/jsonl" })
    ).json()) as Json;
    expect(again).toMatchObject({ imported: 0, already_in_project: 4, duplicates_in_file: 1, file_name: null });
  });

  it("reads a JSON array, CSV, plain text, Parquet (by type or octet-stream + format=parquet) and a form's file", async () => {
    const [a, b, c, d, e, f] = unique("formats", 6).map((r) => r.instruction);
    const parquet = (instruction: string) =>
      new Uint8Array(
        parquetWriteBuffer({
          columnData: [
            { name: "instruction", data: [instruction], type: "STRING" },
            { name: "output", data: ["x"], type: "STRING" },
          ],
        }),
      );
    const form = new FormData();
    form.set("file", new File([`instruction,output\n"${f}",y\n`], "from-form.csv"));
    const cases: [BodyInit, string | undefined, string, string, string | null][] = [
      [JSON.stringify([{ instruction: a }]), "application/json", "", "json", null],
      [`instruction,output\n"${b}",x\n`, "text/csv; charset=utf-8", "", "csv", null],
      [`${c}\n`, "text/plain", "", "text", null],
      [parquet(d!), "application/vnd.apache.parquet", "", "parquet", null],
      [parquet(e!), "application/octet-stream", "?format=parquet", "parquet", null],
      [form, undefined, "", "csv", "from-form.csv"],
    ];
    for (const [body, contentType, query, format, fileName] of cases) {
      const response = await importSeeds({ secret: secrets.adminWrite!, body, contentType, query });
      expect(response.status, `${format}: ${await response.clone().text()}`).toBe(201);
      expect(await response.json()).toMatchObject({ format, imported: 1, file_name: fileName });
    }
    const stored = await getPrisma().node.findMany({
      where: { projectId: project.id, instruction: { in: [a!, b!, c!, d!, e!, f!] } },
      select: { instruction: true },
    });
    expect(stored).toHaveLength(6);
  });

  it("dry_run=1 answers the preview (counts, first rows, errors by line, duplicates) and writes nothing", async () => {
    const before = await seedCount();
    const imports = await getPrisma().seedImport.count();
    const records = unique("dry", 3);
    const body = [JSON.stringify(records[0]), "{not json", JSON.stringify(records[1]), JSON.stringify(records[0])].join(
      "\n",
    );
    const response = await importSeeds({
      secret: secrets.adminWrite!,
      body,
      contentType: "application/x-ndjson",
      query: "?dry_run=1",
    });
    expect(response.status, await response.clone().text()).toBe(200);
    const preview = (await response.json()) as Json;
    expect(preview).toMatchObject({
      dry_run: true,
      format: "jsonl",
      rows_read: 4,
      valid: 2,
      new_seeds: 2,
      already_in_project: 0,
      error_count: 1,
      errors: [{ line: 2, message: expect.any(String) }],
      duplicate_count: 1,
      duplicates: [{ line: 4, first_line: 1 }],
    });
    expect((preview.sample as Json[]).map((s) => s.instruction)).toEqual([
      records[0]!.instruction,
      records[1]!.instruction,
    ]);
    expect(await seedCount()).toBe(before);
    expect(await getPrisma().seedImport.count()).toBe(imports);
  });

  it("bad records refuse the whole file (400, each listed by line) unless skip_invalid=1", async () => {
    const before = await seedCount();
    const records = unique("invalid", 2);
    const body = [JSON.stringify(records[0]), '{"output":"no instruction"}', JSON.stringify(records[1]), "[1"].join(
      "\n",
    );
    const refused = await expectApiError(
      await importSeeds({ secret: secrets.adminWrite!, body, contentType: "application/x-ndjson" }),
      400,
      "INVALID",
    );
    expect(refused.message).toContain("nothing was imported");
    expect(refused.details).toMatchObject({
      source: "body",
      errorCount: 2,
      errors: [
        { line: 2, message: expect.any(String) },
        { line: 4, message: expect.any(String) },
      ],
    });
    expect(await seedCount()).toBe(before);

    const skipped = await importSeeds({
      secret: secrets.adminWrite!,
      body,
      contentType: "application/x-ndjson",
      query: "?skip_invalid=1",
    });
    expect(skipped.status, await skipped.clone().text()).toBe(201);
    expect(await skipped.json()).toMatchObject({ imported: 2, skipped_invalid: 2 });
    expect(await seedCount()).toBe(before + 2);
  });

  it("parses a large body (over 1 MB) in the worker thread, like a large upload on the Import page", async () => {
    const records = Array.from({ length: 6_000 }, (_, i) => ({
      instruction: `large ${Date.now()} #${i}: ${"describe the water cycle in detail. ".repeat(5)}`,
    }));
    const body = jsonl(records);
    expect(Buffer.byteLength(body)).toBeGreaterThan(1024 * 1024);
    // How long this thread's event loop stood still at most meanwhile: the parse runs on another thread.
    let last = performance.now();
    let longestStall = 0;
    const ticker = setInterval(() => {
      const now = performance.now();
      longestStall = Math.max(longestStall, now - last);
      last = now;
    }, 5);
    const started = performance.now();
    const response = await importSeeds({ secret: secrets.adminWrite!, body, contentType: "application/x-ndjson" });
    const ms = performance.now() - started;
    clearInterval(ticker);
    expect(response.status, await response.clone().text()).toBe(201);
    expect(await response.json()).toMatchObject({ imported: 6_000, rows_read: 6_000 });
    console.info(
      `API import of ${(Buffer.byteLength(body) / 1e6).toFixed(1)} MB JSONL (6,000 seeds): ${ms.toFixed(0)} ms, longest event-loop stall ${longestStall.toFixed(0)} ms`,
    );
  });

  it("refuses a body over the seed file limit (413) read as a stream with no Content-Length, writing nothing", async () => {
    const before = await seedCount();
    const chunk = new TextEncoder().encode(`${JSON.stringify({ instruction: "x".repeat(1000) })}\n`.repeat(1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        // Stops by itself well past the cap, should the reader not.
        if (sent > MAX_SEED_FILE_BYTES * 2) return controller.close();
        sent += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    const request = new Request(`http://localhost/api/v1/projects/${project.id}/seeds`, {
      method: "POST",
      headers: { authorization: `Bearer ${secrets.adminWrite}`, "content-type": "application/x-ndjson" },
      body: stream,
      duplex: "half",
    } as RequestInit);
    expect(request.headers.get("content-length")).toBeNull();
    const response = await seeds.POST(request, { params: Promise.resolve({ projectId: project.id }) });
    const error = await expectApiError(response, 413, "TOO_LARGE");
    expect(error.details).toMatchObject({ maxBytes: expect.any(Number) });
    // It stopped reading soon after the cap, not at the end of the stream.
    expect(sent).toBeLessThan(MAX_SEED_FILE_BYTES + 4 * 1024 * 1024);
    expect(await seedCount()).toBe(before);

    // A raw body just over 50 MB (within the form allowance) is refused too; so is a declared length over the cap.
    const over = new Uint8Array(MAX_SEED_FILE_BYTES + 1).fill(0x61);
    await expectApiError(
      await importSeeds({ secret: secrets.adminWrite!, body: over, contentType: "text/plain" }),
      413,
      "TOO_LARGE",
    );
  });

  it("refuses a read token and an annotator's write token (403), another's or an unknown project (404)", async () => {
    const body = jsonl(unique("refused", 1));
    const contentType = "application/x-ndjson";
    const before = await seedCount();
    expect(
      (await expectApiError(await importSeeds({ secret: secrets.adminRead!, body, contentType }), 403, "FORBIDDEN"))
        .message,
    ).toContain("read-only");
    expect(
      (
        await expectApiError(
          await importSeeds({ secret: secrets.annotatorWrite!, body, contentType }),
          403,
          "FORBIDDEN",
        )
      ).message,
    ).toContain("Only admins");
    const another = await expectApiError(
      await importSeeds({ secret: secrets.limitedWrite!, body, contentType }),
      404,
      "NOT_FOUND",
    );
    const unknown = await expectApiError(
      await importSeeds({ secret: secrets.adminWrite!, projectId: MISSING_ID, body, contentType }),
      404,
      "NOT_FOUND",
    );
    expect(another.message).toBe(unknown.message);
    expect(await seedCount()).toBe(before);
  });

  it("refuses bad bodies and queries: 400 with details, 415 for another content type", async () => {
    const write = (body: BodyInit, contentType: string | undefined, query = "") =>
      importSeeds({ secret: secrets.adminWrite!, body, contentType, query });
    const empty = await expectApiError(await write("", "application/x-ndjson"), 400, "INVALID");
    expect(empty.details).toMatchObject({ source: "body", fieldErrors: { file: [expect.any(String)] } });
    const flag = await expectApiError(await write("{}", "application/x-ndjson", "?dry_run=maybe"), 400, "INVALID");
    expect(flag.details).toMatchObject({ source: "query", fieldErrors: { dry_run: [expect.any(String)] } });
    const format = await expectApiError(await write("{}", "application/x-ndjson", "?format=xlsx"), 400, "INVALID");
    expect(format.details).toMatchObject({ fieldErrors: { format: [expect.any(String)] } });
    // octet-stream without a format, or format with a typed body: ambiguous.
    await expectApiError(await write("{}", "application/octet-stream"), 400, "INVALID");
    await expectApiError(await write("{}", "application/x-ndjson", "?format=csv"), 400, "INVALID");
    // A form without a file field; not a form at all.
    const noFile = new FormData();
    noFile.set("text", "hello");
    await expectApiError(await write(noFile, undefined), 400, "INVALID");
    await expectApiError(await write("garbage", "multipart/form-data; boundary=x"), 400, "INVALID");
    // Bytes that are not UTF-8, and a broken Parquet file: the file's fault, 400 with the parser's message.
    const latin1 = await expectApiError(await write(new Uint8Array([0x68, 0xe9, 0x0a]), "text/plain"), 400, "INVALID");
    expect(latin1.message).toMatch(/UTF-8/);
    await expectApiError(await write(new Uint8Array([1, 2, 3]), "application/vnd.apache.parquet"), 400, "INVALID");
    const unsupported = await expectApiError(await write("<p>hi</p>", "text/html"), 415, "INVALID");
    expect(unsupported.details).toMatchObject({ mediaTypes: expect.arrayContaining(["application/x-ndjson"]) });
    // No Content-Type at all (a string body would get text/plain from fetch).
    await expectApiError(await write(new TextEncoder().encode("{}"), undefined), 415, "INVALID");
    const badId = await expectApiError(
      await importSeeds({ secret: secrets.adminWrite!, projectId: "nope", body: "{}", contentType: "text/csv" }),
      400,
      "INVALID",
    );
    expect(badId.details).toMatchObject({ source: "params", fieldErrors: { projectId: [expect.any(String)] } });
  });
});

describe("GET /api/v1/projects/{projectId}/seeds", () => {
  const list = (secret: string, query = "", projectId = project.id) =>
    callApi(seeds.GET, { secret, path: `/projects/${projectId}/seeds${query}`, params: { projectId } });

  it("lists the seeds as the Seeds page does (newest import first, texts clipped), with its search", async () => {
    const marker = `needle-${Date.now()}`;
    const long = `${marker} ${"z".repeat(1_000)}`;
    await importSeeds({
      secret: secrets.adminWrite!,
      body: jsonl([{ instruction: long, input: "ctx", output: "out", skill: "math" }, { instruction: "hay" }]),
      contentType: "application/x-ndjson",
    });
    const response = await list(secrets.annotatorRead!, `?search=${marker.toUpperCase()}`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { data: Json[]; next_cursor: string | null };
    expect(body).toEqual({
      data: [
        {
          id: expect.any(String),
          instruction: long.slice(0, 400),
          instruction_length: long.length,
          input: "ctx",
          output: "out",
          metadata: { skill: "math" },
          created_at: expect.any(String),
        },
      ],
      next_cursor: null,
    });
    // A LIKE wildcard is a literal character in a search.
    expect(((await (await list(secrets.annotatorRead!, "?search=%25")).json()) as { data: Json[] }).data).toEqual([]);
  });

  it("walks every seed page by page in the Seeds page's order, and refuses a bad limit, cursor or search (400)", async () => {
    const all = await getPrisma().node.findMany({
      where: { projectId: project.id, parentId: null },
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      select: { id: true },
    });
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = (await (
        await list(secrets.adminRead!, `?limit=200${cursor ? `&cursor=${cursor}` : ""}`)
      ).json()) as { data: { id: string }[]; next_cursor: string | null };
      seen.push(...page.data.map((s) => s.id));
      cursor = page.next_cursor;
      pages++;
    } while (cursor && pages < 100);
    expect(seen).toEqual(all.map((s) => s.id));
    expect(pages).toBeGreaterThan(1);
    const limit = await expectApiError(await list(secrets.adminRead!, "?limit=0"), 400, "INVALID");
    expect(limit.details).toMatchObject({ source: "query", fieldErrors: { limit: [expect.any(String)] } });
    await expectApiError(await list(secrets.adminRead!, "?cursor=bogus"), 400, "INVALID");
    const search = await expectApiError(await list(secrets.adminRead!, `?search=${"a".repeat(201)}`), 400, "INVALID");
    expect(search.details).toMatchObject({ fieldErrors: { search: [expect.any(String)] } });
  });

  it("answers 404 for another's project and an unknown one, alike", async () => {
    const another = await expectApiError(await list(secrets.annotatorRead!, "", theirs.id), 404, "NOT_FOUND");
    const unknown = await expectApiError(await list(secrets.annotatorRead!, "", MISSING_ID), 404, "NOT_FOUND");
    expect(another.message).toBe(unknown.message);
  });
});

describe("nodes", () => {
  let simulator: Simulator;
  let worker: { stop(): Promise<void> };
  let evolved: { id: string; rootId: string; parentId: string | null; round: number; verdict: string }[];
  /** Decided by `annotator` (accept), not by `otherAnnotator`. */
  let decided: string;

  const listNodes = (secret: string, query = "", projectId = nodesProject.id) =>
    callApi(nodes.GET, { secret, path: `/projects/${projectId}/nodes${query}`, params: { projectId } });
  const getNode = (secret: string, nodeId: string, query = "") =>
    callApi(node.GET, { secret, path: `/nodes/${nodeId}${query}`, params: { nodeId } });
  const getTree = (secret: string, nodeId: string) =>
    callApi(nodeTree.GET, { secret, path: `/nodes/${nodeId}/tree`, params: { nodeId } });
  const ids = async (response: Response) => {
    expect(response.status, await response.clone().text()).toBe(200);
    return ((await response.json()) as { data: { id: string }[] }).data.map((n) => n.id);
  };
  let nodesProject: { id: string };

  beforeAll(async () => {
    simulator = await createSimulator({ latencyMs: 1, seed: "api-nodes" });
    process.env.SIMULATOR_URL = simulator.url;
    worker = await startStepWorker({ connectionString: url, concurrency: 4 });
    nodesProject = await createProjectWithSeeds({ count: 3, actorId: admin.id });
    const prisma = getPrisma();
    for (const user of [annotator, otherAnnotator])
      await prisma.projectMember.create({ data: { projectId: nodesProject.id, userId: user.id } });
    const run = await startRun({
      ...simulatorRunOptions(nodesProject.id, { rounds: 2 }),
      method: "paper",
      actorId: admin.id,
    });
    await waitForRunStatus(run.id, ["completed"]);
    evolved = await prisma.node.findMany({
      where: { projectId: nodesProject.id, parentId: { not: null } },
      orderBy: { id: "desc" },
      select: { id: true, rootId: true, parentId: true, round: true, verdict: true },
    });
    expect(evolved).toHaveLength(6);
    decided = evolved[0]!.id;
    await decideNode({
      projectId: nodesProject.id,
      nodeId: decided,
      reviewer: { id: annotator.id, role: "annotator" },
      decision: "accept",
      reasonTags: [],
      note: "fine by me",
      seenReviewId: null,
    });
  }, 120_000);

  afterAll(async () => {
    await worker?.stop();
    await stopBoss();
    await simulator?.close();
  });

  describe("GET /api/v1/projects/{projectId}/nodes", () => {
    it("lists the evolved nodes newest first with their texts, verdicts and lineage; seeds=1 adds the seeds", async () => {
      const response = await listNodes(secrets.adminRead!);
      const body = (await response.json()) as { data: Json[]; next_cursor: string | null };
      expect(body.data.map((n) => n.id)).toEqual(evolved.map((n) => n.id));
      const first = body.data[0]!;
      const stored = await getPrisma().node.findUniqueOrThrow({ where: { id: evolved[0]!.id } });
      expect(first).toEqual({
        id: stored.id,
        seed_id: stored.rootId,
        parent_id: stored.parentId,
        run_id: stored.runId,
        round: stored.round,
        operation: stored.operation,
        instruction: { text: stored.instruction, length: stored.instruction.length, truncated: false },
        input: { text: stored.input, length: stored.input.length, truncated: false },
        answer: { text: stored.output, length: stored.output?.length ?? null, truncated: false },
        verdict: stored.verdict,
        failed_rules: stored.failedRules,
        human_status: "accepted",
        created_at: stored.createdAt.toISOString(),
      });
      expect(body.next_cursor).toBeNull();
      expect(await ids(await listNodes(secrets.adminRead!, "?seeds=1"))).toHaveLength(9);
    });

    it("applies every review-queue filter, and pages with next_cursor in either order", async () => {
      const byRound = await ids(await listNodes(secrets.adminRead!, "?round=2"));
      expect(byRound).toEqual(evolved.filter((n) => n.round === 2).map((n) => n.id));
      const failed = evolved.filter((n) => n.verdict === "failed").map((n) => n.id);
      expect(await ids(await listNodes(secrets.adminRead!, "?verdict=failed"))).toEqual(failed);
      expect(await ids(await listNodes(secrets.adminRead!, "?status=accepted"))).toEqual([decided]);
      expect(await ids(await listNodes(secrets.adminRead!, `?reviewer=${annotator.id}`))).toEqual([decided]);
      const instruction = (await getPrisma().node.findUniqueOrThrow({ where: { id: evolved[1]!.id } })).instruction;
      expect(
        await ids(
          await listNodes(secrets.adminRead!, `?q=${encodeURIComponent(instruction.slice(0, 60).toUpperCase())}`),
        ),
      ).toContain(evolved[1]!.id);
      const run = (await getPrisma().node.findUniqueOrThrow({ where: { id: decided } })).runId!;
      expect(await ids(await listNodes(secrets.adminRead!, `?run=${run}`))).toHaveLength(6);
      expect(await ids(await listNodes(secrets.adminRead!, `?run=${MISSING_ID}`))).toEqual([]);
      expect(await ids(await listNodes(secrets.adminRead!, "?seeds=1&round=0"))).toHaveLength(3);
      // "Waiting for me": the annotator decided one node, so five wait for them.
      const mine = await ids(await listNodes(secrets.annotatorRead!, "?mine=1"));
      expect(mine).toHaveLength(5);
      expect(mine).not.toContain(decided);

      const oldest: string[] = [];
      let cursor: string | null = null;
      do {
        const page = (await (
          await listNodes(secrets.adminRead!, `?sort=oldest&limit=4${cursor ? `&cursor=${cursor}` : ""}`)
        ).json()) as { data: { id: string }[]; next_cursor: string | null };
        oldest.push(...page.data.map((n) => n.id));
        cursor = page.next_cursor;
      } while (cursor);
      expect(oldest).toEqual(evolved.map((n) => n.id).reverse());
      const newest = (await (await listNodes(secrets.adminRead!, "?limit=5")).json()) as { next_cursor: string };
      expect(await ids(await listNodes(secrets.adminRead!, `?limit=5&cursor=${newest.next_cursor}`))).toEqual([
        evolved[5]!.id,
      ]);
    });

    it("is blind for annotators: a node decided only by another reads 'unreviewed' and matches no status filter of theirs", async () => {
      const other = (await (await listNodes(secrets.otherRead!)).json()) as { data: Json[] };
      expect(other.data.find((n) => n.id === decided)).toMatchObject({ human_status: "unreviewed" });
      expect(other.data.every((n) => n.human_status === "unreviewed")).toBe(true);
      expect(await ids(await listNodes(secrets.otherRead!, "?status=accepted"))).toEqual([]);
      expect(await ids(await listNodes(secrets.otherRead!, "?status=unreviewed"))).toContain(decided);
      // The reviewer themself and an admin see the status.
      const own = (await (await listNodes(secrets.annotatorRead!)).json()) as { data: Json[] };
      expect(own.data.find((n) => n.id === decided)).toMatchObject({ human_status: "accepted" });
      expect(await ids(await listNodes(secrets.annotatorRead!, "?status=accepted"))).toEqual([decided]);
    });

    it("clips a long answer to 4,000 characters with its full length and a flag", async () => {
      const long = "é".repeat(50_000);
      await getPrisma().node.update({ where: { id: evolved[2]!.id }, data: { output: long } });
      const body = (await (await listNodes(secrets.adminRead!)).json()) as { data: Json[] };
      expect(body.data.find((n) => n.id === evolved[2]!.id)!.answer).toEqual({
        text: long.slice(0, 4_000),
        length: 50_000,
        truncated: true,
      });
    });

    it("refuses bad filters (400 with fieldErrors) instead of ignoring them; 404 for another's and an unknown project", async () => {
      for (const [query, field] of [
        ["?status=bogus", "status"],
        ["?verdict=maybe", "verdict"],
        ["?round=x", "round"],
        ["?round=99", "round"],
        ["?operation=explode", "operation"],
        ["?run=not-a-uuid", "run"],
        ["?sort=sideways", "sort"],
        ["?seeds=yes", "seeds"],
        ["?limit=201", "limit"],
        [`?q=${"a".repeat(201)}`, "q"],
      ] as const) {
        const error = await expectApiError(await listNodes(secrets.adminRead!, query), 400, "INVALID");
        expect(error.details, query).toMatchObject({ source: "query", fieldErrors: { [field]: [expect.any(String)] } });
      }
      // An empty filter means "any", as on the review page.
      expect(await ids(await listNodes(secrets.adminRead!, "?status=&verdict="))).toHaveLength(6);
      const another = await expectApiError(await listNodes(secrets.annotatorRead!, "", theirs.id), 404, "NOT_FOUND");
      const unknown = await expectApiError(await listNodes(secrets.annotatorRead!, "", MISSING_ID), 404, "NOT_FOUND");
      expect(another.message).toBe(unknown.message);
    });
  });

  describe("GET /api/v1/nodes/{nodeId}", () => {
    it("answers the node with each rule's verdict, method, LLM calls and the reviews its reviewer may see", async () => {
      const response = await getNode(secrets.annotatorRead!, decided);
      expect(response.status, await response.clone().text()).toBe(200);
      const body = (await response.json()) as Json;
      const stored = await getPrisma().node.findUniqueOrThrow({ where: { id: decided } });
      expect(body).toMatchObject({
        id: decided,
        project_id: nodesProject.id,
        seed_id: stored.rootId,
        parent_id: stored.parentId,
        method: "paper v1",
        instruction: { text: stored.instruction, truncated: false },
        verdict: stored.verdict,
        human_status: "accepted",
        others_hidden: false,
        reviews: [
          {
            reviewer: annotator.email,
            reviewer_role: "annotator",
            decision: "accept",
            reason_tags: [],
            note: "fine by me",
            revoked: false,
            bulk: false,
            created_at: expect.any(String),
          },
        ],
      });
      const verdicts = body.verdicts as { rule: string; failed: boolean; reason: string }[];
      expect(verdicts.length).toBeGreaterThan(0);
      expect(verdicts.map((v) => v.rule)).toEqual(expect.arrayContaining(["refusal", "empty_answer"]));
      expect(verdicts.every((v) => typeof v.reason === "string")).toBe(true);
      // A run node's calls are its step's, under the step's request keys (decision 0047).
      const { stepKey } = await getPrisma().node.findUniqueOrThrow({ where: { id: decided } });
      const calls = await getPrisma().llmCall.findMany({
        where: { requestKey: { in: requestKeysOfStep(stepKey!) }, outcome: "ok" },
      });
      expect(calls.map((c) => c.role).sort()).toEqual(["answer", "evolve", "judge"]);
      expect(body.llm).toEqual({
        evolve_model: "sim-evolver",
        answer_model: "sim-answerer",
        calls: calls.length,
        prompt_tokens: calls.reduce((s, c) => s + (c.promptTokens ?? 0), 0),
        completion_tokens: calls.reduce((s, c) => s + (c.completionTokens ?? 0), 0),
        latency_ms: calls.reduce((s, c) => s + c.latencyMs, 0),
      });
      expect(calls.length).toBeGreaterThan(0);
    });

    it("is blind: another annotator sees no one else's review and 'unreviewed' until they decide", async () => {
      const before = (await (await getNode(secrets.otherRead!, decided)).json()) as Json;
      expect(before).toMatchObject({ human_status: "unreviewed", reviews: [], others_hidden: true });
      await decideNode({
        projectId: nodesProject.id,
        nodeId: evolved[1]!.id,
        reviewer: { id: annotator.id, role: "annotator" },
        decision: "reject",
        reasonTags: ["too_easy"],
        note: "",
        seenReviewId: null,
      });
      await decideNode({
        projectId: nodesProject.id,
        nodeId: evolved[1]!.id,
        reviewer: { id: otherAnnotator.id, role: "annotator" },
        decision: "reject",
        reasonTags: [],
        note: "",
        seenReviewId: null,
      });
      const after = (await (await getNode(secrets.otherRead!, evolved[1]!.id)).json()) as Json;
      expect(after).toMatchObject({ human_status: "rejected", others_hidden: false });
      expect((after.reviews as Json[]).map((r) => r.reviewer)).toEqual([annotator.email, otherAnnotator.email]);
      expect((after.reviews as Json[])[0]).toMatchObject({ reason_tags: ["too_easy"] });
    });

    it("hides others' reviews from an admin too unless they reveal them (reveal_decisions=1), which annotators cannot", async () => {
      expect(await (await getNode(secrets.adminRead!, decided)).json()).toMatchObject({
        reviews: [],
        human_status: "unreviewed",
        others_hidden: true,
      });
      const revealed = (await (await getNode(secrets.adminRead!, decided, "?reveal_decisions=1")).json()) as Json;
      expect(revealed).toMatchObject({ human_status: "accepted", others_hidden: false });
      expect((revealed.reviews as Json[]).map((r) => r.reviewer)).toEqual([annotator.email]);
      expect(await (await getNode(secrets.otherRead!, decided, "?reveal_decisions=1")).json()).toMatchObject({
        reviews: [],
        others_hidden: true,
      });
      const bad = await expectApiError(
        await getNode(secrets.adminRead!, decided, "?reveal_decisions=yes"),
        400,
        "INVALID",
      );
      expect(bad.details).toMatchObject({ source: "query", fieldErrors: { reveal_decisions: [expect.any(String)] } });
    });

    it("answers an unknown node and another's project's node with the same 404; a malformed id 400", async () => {
      const someoneElses = await getPrisma().node.findFirstOrThrow({ where: { projectId: theirs.id } });
      const another = await expectApiError(await getNode(secrets.annotatorRead!, someoneElses.id), 404, "NOT_FOUND");
      const unknown = await expectApiError(await getNode(secrets.annotatorRead!, MISSING_ID), 404, "NOT_FOUND");
      expect(another.message).toBe(unknown.message);
      expect(unknown.message).toBe("Unknown node.");
      // A token limited to another project does not reach this one's nodes, though its admin owner would.
      await expectApiError(await getNode(secrets.limitedWrite!, decided), 404, "NOT_FOUND");
      const bad = await expectApiError(await getNode(secrets.annotatorRead!, "nope"), 400, "INVALID");
      expect(bad.details).toMatchObject({ source: "params", fieldErrors: { nodeId: [expect.any(String)] } });
    });
  });

  describe("GET /api/v1/nodes/{nodeId}/tree", () => {
    it("answers the seed's lineage tree flat, each node after its parent, statuses blind for annotators", async () => {
      const target = evolved.find((n) => n.id === decided)!;
      const response = await getTree(secrets.adminRead!, decided);
      expect(response.status, await response.clone().text()).toBe(200);
      const tree = (await response.json()) as { seed_id: string; node_count: number; nodes: Json[] };
      const lineage = await getPrisma().node.findMany({ where: { rootId: target.rootId }, select: { id: true } });
      expect(tree.seed_id).toBe(target.rootId);
      expect(tree.node_count).toBe(lineage.length);
      expect(tree.nodes.map((n) => n.id).sort()).toEqual(lineage.map((n) => n.id).sort());
      expect(tree.nodes[0]).toMatchObject({ id: target.rootId, parent_id: null, round: 0 });
      const seen = new Set<string>();
      for (const n of tree.nodes) {
        if (n.parent_id !== null) expect(seen.has(n.parent_id as string)).toBe(true);
        seen.add(n.id as string);
      }
      expect(tree.nodes.find((n) => n.id === decided)).toMatchObject({ human_status: "accepted" });
      const blind = (await (await getTree(secrets.otherRead!, decided)).json()) as { nodes: Json[] };
      expect(blind.nodes.find((n) => n.id === decided)).toMatchObject({ human_status: "unreviewed" });
      // The tree of a seed is its own.
      expect(((await (await getTree(secrets.adminRead!, target.rootId)).json()) as Json).seed_id).toBe(target.rootId);
    });

    it("answers an unknown node and another's project's node with the same 404", async () => {
      const someoneElses = await getPrisma().node.findFirstOrThrow({ where: { projectId: theirs.id } });
      const another = await expectApiError(await getTree(secrets.otherRead!, someoneElses.id), 404, "NOT_FOUND");
      const unknown = await expectApiError(await getTree(secrets.otherRead!, MISSING_ID), 404, "NOT_FOUND");
      expect(another.message).toBe(unknown.message);
      await expectApiError(await getTree(secrets.otherRead!, "1"), 400, "INVALID");
    });
  });
});

describe("the OpenAPI document", () => {
  it("describes the seed upload's content types and each new endpoint's parameters", async () => {
    const document = (await openapi.GET().json()) as {
      paths: Record<string, Record<string, { parameters: { name: string }[]; requestBody?: Json; responses: Json }>>;
    };
    const post = document.paths["/api/v1/projects/{projectId}/seeds"]!.post!;
    expect(Object.keys((post.requestBody as { content: Json }).content)).toEqual(
      expect.arrayContaining(["application/x-ndjson", "application/json", "text/csv", "multipart/form-data"]),
    );
    expect(Object.keys(post.responses)).toEqual(expect.arrayContaining(["201", "400", "403", "404", "413", "415"]));
    expect(post.parameters.map((p) => p.name)).toEqual(
      expect.arrayContaining(["projectId", "dry_run", "skip_invalid", "file_name", "format"]),
    );
    const list = document.paths["/api/v1/projects/{projectId}/nodes"]!.get!;
    expect(list.parameters.map((p) => p.name)).toEqual(
      expect.arrayContaining(["status", "verdict", "rule", "operation", "round", "run", "reviewer", "disagreement"]),
    );
    expect(document.paths["/api/v1/nodes/{nodeId}"]!.get!.parameters.map((p) => p.name)).toEqual([
      "nodeId",
      "reveal_decisions",
    ]);
    expect(document.paths["/api/v1/nodes/{nodeId}/tree"]).toBeDefined();
  });
});

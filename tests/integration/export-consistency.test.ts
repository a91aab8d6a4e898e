// Exports of one selection agree across formats: every format leaves out the
// nodes without an answer, which the form counted beforehand; CSV neutralises
// formula-like cells unless asked to keep raw text; OpenAI chat with lineage
// columns is refused by the schema the form, the routes and the CLI share;
// and the form's near-duplicate count runs in a thread, one per admin and
// project, cancelled by a newer count or by its request closing.
import { readFile } from "node:fs/promises";
import Papa from "papaparse";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { EXPORT_FORMATS, NO_LINEAGE_REASON } from "@/lib/export/types";
import { contentHashOf } from "@/lib/seeds/content-hash";
import { createExportProject } from "@/tests/fixtures/export-project";
import { actAs } from "@/tests/fixtures/request-context";
import { createTestUser, signInCookie, type TestUser } from "@/tests/fixtures/users";
import { withTemporaryDataDir } from "@/tests/fixtures/temporary-data-dir";
import { setupTestDatabase } from "@/tests/setup/test-database";

vi.mock("next/headers", () => import("@/tests/fixtures/next-headers"));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));

await setupTestDatabase();
await withTemporaryDataDir("export-consistency");
const { getPrisma } = await import("@/lib/server/db/prisma");
const { uuid7 } = await import("@/lib/server/db/uuid7");
const { countExport } = await import("@/lib/server/export/count-export");
const { countNearDuplicates } = await import("@/lib/server/export/count-near-duplicates");
const { countNearDuplicatesOnce, countsInFlight, CountCancelledError } =
  await import("@/lib/server/export/near-duplicate-counts");
const { createExport } = await import("@/lib/server/export/create-export");
const { runExport } = await import("@/lib/server/export/run-export");
const { startExportAction } = await import("@/lib/actions/export/start-export");
const { exportOptionsSchema, exportSelectionSchema } = await import("@/lib/validation/export");
const { parseExportArgs } = await import("@/scripts/cli/export-args");
const { POST: streamRoute } = await import("@/app/api/projects/[projectId]/exports/stream/route");
const { POST: duplicatesRoute } = await import("@/app/api/projects/[projectId]/exports/near-duplicates/route");

let admin: TestUser;
let adminCookie: string;
let fixture: Awaited<ReturnType<typeof createExportProject>>;

beforeAll(async () => {
  admin = await createTestUser("admin");
  adminCookie = await signInCookie(admin);
  fixture = await createExportProject({ admin, annotator: await createTestUser("annotator") });
});

async function exportFile(projectId: string, options: Record<string, unknown>) {
  const created = await createExport({
    projectId,
    options: exportOptionsSchema.parse(options),
    actorId: admin.id,
    enqueue: false,
  });
  const outcome = await runExport({ exportId: created.exportId });
  expect(outcome.status, outcome.error ?? "").toBe("done");
  return { outcome, text: await readFile(outcome.file!, "utf8") };
}

describe("nodes without an answer", () => {
  it("are left out of every format alike, as many as the count said", async () => {
    const selection = exportSelectionSchema.parse({ status: "all" });
    const count = await countExport({ projectId: fixture.project.id, selection });
    expect(count.unanswered).toBeGreaterThan(0);
    for (const format of EXPORT_FORMATS) {
      const { outcome } = await exportFile(fixture.project.id, { status: "all", format });
      expect([format, outcome.recordsWritten, outcome.skipped]).toEqual([
        format,
        count.total - count.unanswered,
        count.unanswered,
      ]);
    }
  });
});

describe("CSV formula neutralisation", () => {
  const FORMULAS = ['=HYPERLINK("http://x","y")', "+1+1", "-2", "@SUM(A1)", "\tTabbed", "\rReturned"];
  let projectId: string;

  beforeAll(async () => {
    projectId = (await getPrisma().project.create({ data: { name: `formulas ${uuid7()}` } })).id;
    for (const [i, text] of FORMULAS.entries()) {
      const id = uuid7();
      await getPrisma().node.create({
        data: {
          id,
          projectId,
          rootId: id,
          instruction: `Task ${i}`,
          input: text,
          output: text,
          humanStatus: "accepted",
          contentHash: contentHashOf(`Task ${i}`, text),
        },
      });
    }
  });

  const cells = (text: string) =>
    Papa.parse<Record<string, string>>(text, { header: true })
      .data.filter((r) => r.instruction)
      .map((r) => [r.input, r.output]);

  it("prefixes every formula-like cell with ' by default", async () => {
    const { text } = await exportFile(projectId, { format: "csv" });
    expect(cells(text)).toEqual(FORMULAS.map((f) => [`'${f}`, `'${f}`]));
  });

  it("keeps the text exactly with keepRawText (the CLI's --keep-raw-text)", async () => {
    const args = parseExportArgs(["--format", "csv", "--keep-raw-text"]);
    expect(args.options.keepRawText).toBe(true);
    const { text } = await exportFile(projectId, args.options);
    expect(cells(text)).toEqual(FORMULAS.map((f) => [f, f]));
  });
});

describe("OpenAI chat with lineage columns", () => {
  it("is refused by the shared schema, with the reason", () => {
    const parsed = exportOptionsSchema.safeParse({ format: "openai", lineage: true });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]).toMatchObject({ path: ["lineage"], message: NO_LINEAGE_REASON });
    // Left to its default, the format has no lineage; other chat formats may still have it.
    expect(exportOptionsSchema.parse({ format: "openai" }).lineage).toBe(false);
    expect(exportOptionsSchema.parse({ format: "sharegpt", lineage: true }).lineage).toBe(true);
  });

  it("is refused by the start action, the Download now route and the CLI's options", async () => {
    actAs(adminCookie);
    const started = await startExportAction({
      projectId: fixture.project.id,
      options: { format: "openai", lineage: true },
    });
    expect(started).toMatchObject({ ok: false });
    expect(!started.ok && started.error).toContain("OpenAI chat files cannot carry lineage columns");

    const form = new FormData();
    form.set("options", JSON.stringify({ format: "openai", lineage: true, status: "all" }));
    const response = await streamRoute(
      new Request(`http://localhost/api/projects/${fixture.project.id}/exports/stream`, { method: "POST", body: form }),
      { params: Promise.resolve({ projectId: fixture.project.id }) },
    );
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { message: string } }).error.message).toContain(NO_LINEAGE_REASON);

    const cli = exportOptionsSchema.safeParse(parseExportArgs(["--format", "openai", "--lineage"]).options);
    expect(cli.success).toBe(false);
  });
});

describe("the near-duplicate count", () => {
  const selection = () => exportSelectionSchema.parse({ status: "all" });

  it("counts in a thread what the in-process count gives, and through the route", async () => {
    const expected = await countNearDuplicates({
      projectId: fixture.project.id,
      selection: selection(),
      threshold: 0.5,
    });
    const threaded = await countNearDuplicatesOnce({
      userId: admin.id,
      projectId: fixture.project.id,
      selection: selection(),
      threshold: 0.5,
    });
    expect(threaded).toBe(expected);
    actAs(adminCookie);
    const form = new FormData();
    form.set("request", JSON.stringify({ selection: { status: "all" }, threshold: 0.5 }));
    const response = await duplicatesRoute(
      new Request(`http://localhost/api/projects/${fixture.project.id}/exports/near-duplicates`, {
        method: "POST",
        body: form,
      }),
      { params: Promise.resolve({ projectId: fixture.project.id }) },
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ nearDuplicates: expected });
    expect(countsInFlight()).toBe(0);
  });

  it("is cancelled by a newer count of the same admin and project, never stacking", async () => {
    const ask = () =>
      countNearDuplicatesOnce({
        userId: admin.id,
        projectId: fixture.project.id,
        selection: selection(),
        threshold: 0.8,
      });
    const first = ask();
    const second = ask();
    expect(countsInFlight()).toBe(1);
    await expect(first).rejects.toBeInstanceOf(CountCancelledError);
    expect(await second).toBeGreaterThanOrEqual(0);
    expect(countsInFlight()).toBe(0);
  });

  it("leaves another admin's count running", async () => {
    const other = await createTestUser("admin");
    const mine = countNearDuplicatesOnce({
      userId: admin.id,
      projectId: fixture.project.id,
      selection: selection(),
      threshold: 0.8,
    });
    const theirs = countNearDuplicatesOnce({
      userId: other.id,
      projectId: fixture.project.id,
      selection: selection(),
      threshold: 0.8,
    });
    expect(countsInFlight()).toBe(2);
    expect(await mine).toBe(await theirs);
  });

  it("stops when its request closes, and the route answers 409", async () => {
    const closed = new AbortController();
    const count = countNearDuplicatesOnce({
      userId: admin.id,
      projectId: fixture.project.id,
      selection: selection(),
      threshold: 0.8,
      signal: closed.signal,
    });
    closed.abort();
    await expect(count).rejects.toBeInstanceOf(CountCancelledError);
    expect(countsInFlight()).toBe(0);

    actAs(adminCookie);
    const form = new FormData();
    form.set("request", JSON.stringify({ selection: { status: "all" }, threshold: 0.8 }));
    const request = new AbortController();
    const pending = duplicatesRoute(
      new Request(`http://localhost/api/projects/${fixture.project.id}/exports/near-duplicates`, {
        method: "POST",
        body: form,
        signal: request.signal,
      }),
      { params: Promise.resolve({ projectId: fixture.project.id }) },
    );
    // Once the count is in flight, the browser drops the request.
    while (countsInFlight() === 0) await new Promise((r) => setTimeout(r, 5));
    request.abort();
    expect((await pending).status).toBe(409);
    expect(countsInFlight()).toBe(0);
  });

  it("stops between pages once its signal is aborted (what the thread does on cancel)", async () => {
    const signal = AbortSignal.abort(new CountCancelledError());
    await expect(
      countNearDuplicates({ projectId: fixture.project.id, selection: selection(), threshold: 0.8, signal }),
    ).rejects.toBeInstanceOf(CountCancelledError);
  });
});

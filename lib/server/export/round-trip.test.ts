// Each of the six formats, exported from a reviewed project with awkward
// text, imports back as seeds — through the real parser and import service —
// into a new project with the same instruction, input and output text. The
// chat formats have no input field: their user turn is instruction + "\n\n" +
// input. Every format skips the unanswered nodes (and counts them as skipped);
// CSV keeps raw text here (keepRawText), as a round trip needs.
import { readFile } from "node:fs/promises";
import { beforeAll, describe, expect, it } from "vitest";
import { EXPORT_FORMATS, type ExportFormat } from "@/lib/export/types";
import { createExportProject } from "@/tests/fixtures/export-project";
import { createTestUser, type TestUser } from "@/tests/fixtures/users";
import { withTemporaryDataDir } from "@/tests/fixtures/temporary-data-dir";
import { setupTestDatabase } from "@/tests/setup/test-database";
import { exportOptionsSchema } from "@/lib/validation/export";

await setupTestDatabase();
await withTemporaryDataDir("export-rt");
const { getPrisma } = await import("@/lib/server/db/prisma");
const { parseSeedFileAsync } = await import("@/lib/seeds/parse-seed-file-async");
const { importSeeds } = await import("@/lib/server/seeds/import-seeds");
const { createExport } = await import("./create-export");
const { runExport } = await import("./run-export");

let admin: TestUser;
let fixture: Awaited<ReturnType<typeof createExportProject>>;

beforeAll(async () => {
  admin = await createTestUser("admin");
  fixture = await createExportProject({ admin, annotator: await createTestUser("annotator") });
});

type Triple = { instruction: string; input: string; output: string | null };
const byText = (a: Triple, b: Triple) => (a.instruction < b.instruction ? -1 : a.instruction > b.instruction ? 1 : 0);
const chat = (f: ExportFormat) => f === "sharegpt" || f === "openai";

function expectedTriples(format: ExportFormat): Triple[] {
  const nodes = Object.values(fixture.nodes).filter((n) => n.output !== null);
  if (!chat(format))
    return nodes.map(({ instruction, input, output }) => ({ instruction, input, output })).sort(byText);
  return nodes
    .map((n) => ({
      instruction: n.input ? `${n.instruction}\n\n${n.input}` : n.instruction,
      input: "",
      output: n.output,
    }))
    .sort(byText);
}

describe.each(EXPORT_FORMATS)("round trip: %s", (format) => {
  it("imports back with identical text", async () => {
    const options = exportOptionsSchema.parse({
      status: "all",
      format,
      // OpenAI chat files cannot carry lineage (the schema refuses it).
      lineage: format !== "openai",
      systemPrompt: chat(format) ? "You are terse." : "",
      keepRawText: format === "csv",
    });
    const created = await createExport({ projectId: fixture.project.id, options, actorId: admin.id, enqueue: false });
    const outcome = await runExport({ exportId: created.exportId });
    expect(outcome.status, outcome.error ?? "").toBe("done");
    const expected = expectedTriples(format);
    expect(outcome.recordsWritten).toBe(expected.length);
    expect(outcome.skipped).toBe(2);

    const bytes = new Uint8Array(await readFile(outcome.file!));
    const parsed = await parseSeedFileAsync(bytes, { fileName: created.fileName });
    expect(parsed.errors).toEqual([]);
    const target = await getPrisma().project.create({ data: { name: `round trip ${format} ${Date.now()}` } });
    const summary = await importSeeds({ projectId: target.id, actorId: admin.id, parsed, fileName: created.fileName });
    expect(summary.imported).toBe(expected.length);
    const imported = await getPrisma().node.findMany({
      where: { projectId: target.id },
      select: { instruction: true, input: true, output: true },
    });
    expect(imported.sort(byText)).toEqual(expected);
  });
});

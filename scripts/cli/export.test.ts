// `npm run export` end to end: the CLI process resolves the project by
// name, writes the file to --out, records the export (as the CLI, or as the
// admin named by --as) and prints a summary; a bad flag or an annotator's
// --as is refused with exit code ≠ 0 and no export recorded.
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createExportProject } from "@/tests/fixtures/export-project";
import { readZip } from "@/tests/fixtures/read-zip";
import { createTestUser, type TestUser } from "@/tests/fixtures/users";
import { setupTestDatabase } from "@/tests/setup/test-database";

const { url } = await setupTestDatabase();
const { getPrisma } = await import("@/lib/server/db/prisma");
const work = await mkdtemp(path.join(tmpdir(), "evol-export-cli-"));
afterAll(() => rm(work, { recursive: true, force: true }));

const ROOT = path.resolve(import.meta.dirname, "../..");
const TSX = path.join(ROOT, "node_modules/tsx/dist/cli.mjs");

function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [TSX, "scripts/cli/export.ts", ...args], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: url, EVOL_DATA_DIR: path.join(work, "data") },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c) => (stdout += c));
    child.stderr.on("data", (c) => (stderr += c));
    child.on("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

let admin: TestUser;
let annotator: TestUser;
let fixture: Awaited<ReturnType<typeof createExportProject>>;
const projectName = `cli export ${Date.now()}`;

beforeAll(async () => {
  admin = await createTestUser("admin");
  annotator = await createTestUser("annotator");
  fixture = await createExportProject({ admin, annotator, name: projectName });
});

describe("npm run export", () => {
  it("writes the filtered export to --out and records it as the CLI", async () => {
    const out = path.join(work, "out", "accepted.jsonl");
    const result = await runCli([
      "--project",
      projectName,
      "--format",
      "alpaca",
      "--out",
      out,
      "--status",
      "accepted-or-passing",
      "--round",
      "1",
      "--no-seeds",
    ]);
    expect(result.code, result.stderr).toBe(0);
    // Round 1, accepted or passing-unreviewed, no seeds: A (accepted), D (passed), F (accepted).
    const lines = (await readFile(out, "utf8"))
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.id).sort()).toEqual([fixture.nodes.A.id, fixture.nodes.D.id, fixture.nodes.F.id].sort());
    expect(lines[0]).toHaveProperty("root_id");
    const row = await getPrisma().export.findFirstOrThrow({
      where: { projectId: fixture.project.id },
      orderBy: { createdAt: "desc" },
    });
    expect(row).toMatchObject({
      status: "done",
      createdById: null,
      format: "alpaca",
      expectedCount: 3,
      recordsWritten: 3,
      skipped: 0,
    });
    expect(row.selection).toMatchObject({ status: "accepted_or_passing_unreviewed", rounds: [1], includeSeeds: false });
    const sha = createHash("sha256")
      .update(await readFile(out))
      .digest("hex");
    expect(row.sha256).toBe(sha);
    expect(result.stdout).toContain(`wrote ${out}: 3 records, 0 skipped, 0 near-duplicates removed`);
    expect(result.stdout).toContain(`sha256 ${sha}`);
  });

  it("writes a bundle archive as an admin named by --as", async () => {
    const out = path.join(work, "bundle.zip");
    const result = await runCli([
      "--project",
      projectName,
      "--format",
      "openai",
      "--out",
      out,
      "--bundle",
      "--status",
      "all",
      "--as",
      admin.email,
      "--system",
      "Be brief.",
      "--operation",
      "deepen,breadth",
    ]);
    expect(result.code, result.stderr).toBe(0);
    const entries = readZip(await readFile(out));
    expect([...entries.keys()].slice(1)).toEqual(["README.md", "dataset_info.json", "axolotl.yaml"]);
    // Operations deepen and breadth: A, C, E, F, G, plus the three seeds; G and S3 have no answer.
    const data = entries
      .values()
      .next()
      .value!.toString("utf8")
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(data).toHaveLength(6);
    expect(data[0].messages[0]).toEqual({ role: "system", content: "Be brief." });
    const row = await getPrisma().export.findFirstOrThrow({
      where: { projectId: fixture.project.id },
      orderBy: { createdAt: "desc" },
    });
    expect(row).toMatchObject({
      createdById: admin.id,
      bundle: true,
      lineage: false,
      expectedCount: 8,
      recordsWritten: 6,
      skipped: 2,
    });
  });

  it("refuses an annotator's --as, an unknown project and a bad format", async () => {
    const before = await getPrisma().export.count();
    const asAnnotator = await runCli([
      "--project",
      projectName,
      "--out",
      path.join(work, "x.jsonl"),
      "--as",
      annotator.email,
    ]);
    expect(asAnnotator.code).toBe(1);
    expect(asAnnotator.stderr).toContain("is not an admin; only admins may export");
    const unknown = await runCli(["--project", "no such project", "--out", path.join(work, "y.jsonl")]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('no project named "no such project"');
    const badFormat = await runCli(["--project", projectName, "--out", path.join(work, "z.txt"), "--format", "xml"]);
    expect(badFormat.code).toBe(1);
    expect(badFormat.stderr).toContain("--format must be one of alpaca, alpaca-json, sharegpt, openai, csv, parquet");
    expect(await getPrisma().export.count()).toBe(before);
  });
});

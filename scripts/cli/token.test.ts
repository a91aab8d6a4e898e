// `npm run token` end to end: the CLI process creates a working token for the
// named account and prints only the secret on stdout; bad flags, unknown or
// disabled accounts and other people's projects are refused with exit code ≠ 0.
import { spawn } from "node:child_process";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { createTestUser, type TestUser } from "@/tests/fixtures/users";
import { setupTestDatabase } from "@/tests/setup/test-database";
import { parseTokenArgs } from "./token-args";

const { url } = await setupTestDatabase();
const { getPrisma } = await import("@/lib/server/db/prisma");
const { authenticateApiToken } = await import("@/lib/server/api-tokens/authenticate-api-token");

const ROOT = path.resolve(import.meta.dirname, "../..");
const TSX = path.join(ROOT, "node_modules/tsx/dist/cli.mjs");

function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [TSX, "scripts/cli/token.ts", ...args], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: url },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c) => (stdout += c));
    child.stderr.on("data", (c) => (stderr += c));
    child.on("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

let annotator: TestUser;
let projectId: string;
let otherProjectId: string;

beforeAll(async () => {
  annotator = await createTestUser("annotator");
  const prisma = getPrisma();
  projectId = (await prisma.project.create({ data: { name: `cli token ${Date.now()}` } })).id;
  otherProjectId = (await prisma.project.create({ data: { name: `cli other ${Date.now()}` } })).id;
  await prisma.projectMember.create({ data: { projectId, userId: annotator.id } });
});

describe("parseTokenArgs", () => {
  it("maps the flags onto the form's input", () => {
    const now = new Date("2026-12-01T00:00:00Z");
    const args = parseTokenArgs(
      ["--as", " A@Example.com", "--name", "ci", "--scope", "write", "--projects", `${projectId},${projectId}`],
      now,
    );
    expect(args).toMatchObject({ email: "a@example.com", input: { name: "ci", scope: "write", expiresAt: null } });
    expect(
      parseTokenArgs(["--as", "a@b.co", "--name", "n", "--scope", "read", "--expires-days", "30"], now).input,
    ).toMatchObject({ expiresAt: new Date("2026-12-31T00:00:00Z") });
  });

  it("refuses bad flags with a message naming them", () => {
    const base = ["--as", "a@b.co", "--name", "n"];
    expect(() => parseTokenArgs([...base, "--scope", "admin"])).toThrow(/--scope/);
    expect(() => parseTokenArgs(["--name", "n", "--scope", "read"])).toThrow(/--as/);
    expect(() => parseTokenArgs([...base, "--scope", "read", "--expires-days", "0"])).toThrow(/--expires-days/);
    expect(() => parseTokenArgs([...base, "--scope", "read", "--projects", "nope"])).toThrow(/--projects/);
    expect(() => parseTokenArgs([...base, "--scope", "read", "--bogus"])).toThrow(/bogus/);
  });
});

// Each case starts the CLI (tsx compiles it afresh), up to three times: slow on a busy machine.
describe("npm run token", { timeout: 120_000 }, () => {
  it("prints only a working token for the account on stdout", async () => {
    const result = await runCli([
      "--as",
      annotator.email,
      "--name",
      "cli",
      "--scope",
      "write",
      "--projects",
      projectId,
    ]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^evs_[A-Za-z0-9_-]{43}\n$/);
    expect(result.stderr).toContain(`for ${annotator.email}`);
    const auth = await authenticateApiToken({ secret: result.stdout.trim() });
    expect(auth).toMatchObject({
      ok: true,
      user: { id: annotator.id },
      token: { scope: "write", projectIds: [projectId] },
    });
  });

  it("refuses an unknown account, a disabled one and a project the account does not reach", async () => {
    const before = await getPrisma().apiToken.count();
    const unknown = await runCli(["--as", "nobody@example.com", "--name", "x", "--scope", "read"]);
    expect([unknown.code, unknown.stdout, unknown.stderr]).toEqual([1, "", expect.stringContaining("no account")]);
    const other = await runCli([
      "--as",
      annotator.email,
      "--name",
      "x",
      "--scope",
      "read",
      "--projects",
      otherProjectId,
    ]);
    expect([other.code, other.stdout, other.stderr]).toEqual([1, "", expect.stringContaining("--projects")]);
    const disabled = await createTestUser("annotator");
    await getPrisma().user.update({ where: { id: disabled.id }, data: { banned: true } });
    const refused = await runCli(["--as", disabled.email, "--name", "x", "--scope", "read"]);
    expect([refused.code, refused.stdout, refused.stderr]).toEqual([1, "", expect.stringContaining("disabled")]);
    expect(await getPrisma().apiToken.count()).toBe(before);
  });
});

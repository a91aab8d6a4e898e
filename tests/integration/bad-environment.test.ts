import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const TSX_CLI = path.join(ROOT, "node_modules/tsx/dist/cli.mjs");

// Without these, a developer's own settings would leak into the child.
const CLEARED = ["DATABASE_URL", "OPENAI_API_KEY", "OPENAI_BASE_URL", "LLM_PRICES", "LLM_CONCURRENCY"];

/** Runs an entry point the way `npm start` / `npm run worker` do, in `cwd`, and collects what it printed. */
function runScript(script: string, env: Record<string, string>, cwd = ROOT) {
  const base = { ...process.env };
  for (const name of CLEARED) delete base[name];
  const child = spawn(
    process.execPath,
    [TSX_CLI, "--tsconfig", path.join(ROOT, "tsconfig.json"), path.join(ROOT, script)],
    {
      cwd,
      env: { ...base, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
  return new Promise<{ code: number | null; output: string }>((resolve) =>
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    }),
  );
}

describe("a bad setting stops the start before anything runs", () => {
  const dirs: string[] = [];
  const dataDir = async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "evol-bad-env-"));
    dirs.push(dir);
    return dir;
  };
  afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

  it("npm start with LLM_CONCURRENCY=abc names the variable and starts no database", async () => {
    const dir = await dataDir();
    const { code, output } = await runScript("scripts/start.ts", { EVOL_DATA_DIR: dir, LLM_CONCURRENCY: "abc" });
    expect(code).toBe(1);
    expect(output).toContain("[evol] could not start: invalid configuration");
    expect(output).toContain('LLM_CONCURRENCY: must be a whole number (1 or more) (got "abc")');
    expect(output).not.toMatch(/embedded Postgres|    at /);
    expect(await readdir(dir)).toEqual([]);
  });

  it("npm run worker with a malformed LLM_PRICES names the variable", async () => {
    const { code, output } = await runScript("scripts/worker.ts", {
      EVOL_DATA_DIR: await dataDir(),
      LLM_PRICES: '{"gpt-4o-mini": {"promptPerMillion": 0.15}',
    });
    expect(code).toBe(1);
    expect(output).toMatch(/\[worker\] could not start: invalid configuration[^]*LLM_PRICES: must be JSON/);
  });

  it("reads a bad value from .env as well, and says every bad variable at once", async () => {
    const cwd = await dataDir();
    await writeFile(path.join(cwd, ".env"), "PORT=eighty\nEVOL_WORKERS=yes\n");
    const { code, output } = await runScript("scripts/start.ts", { EVOL_DATA_DIR: path.join(cwd, "data") }, cwd);
    expect(code).toBe(1);
    expect(output).toContain('PORT: must be a whole number (1 or more) (got "eighty")');
    expect(output).toContain('EVOL_WORKERS: must be 0 (off) or 1 (on) (got "yes")');
    expect(existsSync(path.join(cwd, "data"))).toBe(false);
  });
});

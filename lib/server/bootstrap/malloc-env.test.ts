import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { MALLOC_ENV, postgresEnv } from "./malloc-env";

const root = path.resolve(import.meta.dirname, "../../..");
const fixture = path.join(root, "tests/fixtures/free-large-buffers.mjs");
const glibc = Boolean(
  (process.report.getReport() as { header?: { glibcVersionRuntime?: string } }).header?.glibcVersionRuntime,
);

/** RSS growth (MB) of a Node process, started with our environment and `extra`, that frees ~400 MB of buffers and keeps 4 MB. */
function growthAfterFreeing(extra: Record<string, string>): number {
  const env = { ...process.env, ...extra };
  if (!("MALLOC_MMAP_THRESHOLD_" in extra)) delete env.MALLOC_MMAP_THRESHOLD_;
  const run = spawnSync(process.execPath, ["--expose-gc", fixture], { env, encoding: "utf8" });
  expect(run.status, run.stderr).toBe(0);
  const { before, after } = JSON.parse(run.stdout) as { before: number; after: number };
  return after - before;
}

describe("malloc settings of our processes", () => {
  it("is set by every script that starts our app, a worker or an export", () => {
    const scripts = (
      JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { scripts: Record<string, string> }
    ).scripts;
    const assignments = Object.entries(MALLOC_ENV).map(([name, value]) => `${name}=${value} `);
    for (const name of ["start", "dev", "worker", "export"]) {
      for (const assignment of assignments) expect(scripts[name], name).toContain(assignment);
    }
  });

  it.skipIf(!glibc)(
    "gives freed buffers back to the kernel, where glibc's own threshold keeps them",
    () => {
      const kept = growthAfterFreeing({});
      const given = growthAfterFreeing(MALLOC_ENV);
      // 400 MB freed, 4 MB still in use: glibc's moving threshold keeps ~100 MB of it resident, the fixed one does not.
      expect(kept).toBeGreaterThan(60);
      expect(given).toBeLessThan(30);
    },
    30_000,
  );

  it("leaves Postgres on glibc's defaults, unless the setting is the user's own", () => {
    const env = postgresEnv({ PATH: "/bin", ...MALLOC_ENV }, { LC_MESSAGES: "C" });
    expect(env).toEqual({ PATH: "/bin", LC_MESSAGES: "C" });
    const own = postgresEnv({ PATH: "/bin", MALLOC_MMAP_THRESHOLD_: "65536" }, { LC_MESSAGES: "C" });
    expect(own).toEqual({ PATH: "/bin", MALLOC_MMAP_THRESHOLD_: "65536", LC_MESSAGES: "C" });
  });
});

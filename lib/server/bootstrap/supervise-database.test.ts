import { chmod, mkdtemp, rm } from "node:fs/promises";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { freePort } from "@/tests/setup/free-port";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "@/lib/server/db/embedded-postgres";
import { isAlive, readPostmasterPid } from "@/lib/server/db/embedded-postgres/orphaned-server";
import { MAX_RESTARTS, superviseDatabase } from "./supervise-database";

const scratch = await mkdtemp(path.join(tmpdir(), "evol-supervise-"));
// Open, as the global test setup's folder is: as root, Postgres runs as the postgres user.
await chmod(scratch, 0o755);
afterAll(() => rm(scratch, { recursive: true, force: true }));

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

async function until<T>(check: () => Promise<T> | T, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Kills the running postmaster as a crash or the OOM killer would: no shutdown, its pid file left behind. */
async function killPostmaster(dataDir: string): Promise<number> {
  const pid = (await readPostmasterPid(path.join(dataDir, "cluster")))!;
  process.kill(pid, "SIGKILL");
  await until(() => !isAlive(pid), 5_000);
  return pid;
}

describe("superviseDatabase", () => {
  let database: EmbeddedDatabase | null = null;
  let stopping = false;
  afterAll(async () => {
    stopping = true;
    await database?.stop();
  });

  it("starts Postgres again after it was killed, and gives up with a reason when it cannot", async () => {
    const dataDir = path.join(scratch, "db");
    const port = await freePort();
    database = await startEmbeddedPostgres({ dataDir, port, database: "evol_supervised" });
    const lines: string[] = [];
    let reason: string | null = null;
    superviseDatabase({
      database,
      isStopping: () => stopping,
      log: (line) => lines.push(line),
      giveUp: (why) => (reason = why),
      backoffMs: 50,
    });

    const first = await killPostmaster(dataDir);
    await until(() => answers(database!.url), 20_000);
    expect(await readPostmasterPid(path.join(dataDir, "cluster"))).not.toBe(first);
    expect(lines.slice(0, 2)).toEqual([
      "embedded Postgres stopped unexpectedly (SIGKILL)",
      "restarting embedded Postgres (try 1 of 3)",
    ]);
    expect(lines).toContain(`embedded Postgres is running again on 127.0.0.1:${port}`);

    // Another program takes the port while Postgres is down: every try fails, quoting Postgres.
    await killPostmaster(dataDir);
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(port, "127.0.0.1", resolve));
    try {
      await until(() => reason, 60_000);
    } finally {
      blocker.close();
    }
    expect(reason).toMatch(/^embedded Postgres could not be restarted \(3 tries\); the last error: .*127\.0\.0\.1/s);
    expect(lines.filter((line) => line.startsWith("restarting embedded Postgres (try")).length).toBe(1 + MAX_RESTARTS);
    expect(lines.some((line) => /restarting embedded Postgres failed: .*Address already in use/s.test(line))).toBe(
      true,
    );
  }, 90_000);
});

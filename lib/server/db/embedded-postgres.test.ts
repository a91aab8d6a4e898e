import { existsSync } from "node:fs";
import { chmod, lstat, mkdir, mkdtemp, readFile, readlink, rm } from "node:fs/promises";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { freePort } from "@/tests/setup/free-port";
import { SHARED_DIR } from "./embedded-postgres/choose-locations";
import { isAlive } from "./embedded-postgres/orphaned-server";
import { isRoot } from "./embedded-postgres/postgres-user";
import { startEmbeddedPostgres } from "./embedded-postgres";

const scratch = await mkdtemp(path.join(tmpdir(), "evol-embedded-"));
// Open, as the global test setup's folder is: only the test that wants a private folder makes one.
await chmod(scratch, 0o755);
afterAll(() => rm(scratch, { recursive: true, force: true }));

async function query(url: string, sql: string): Promise<unknown[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

describe("startEmbeddedPostgres", () => {
  // As root in a folder only root can enter: the case this module moves things to /var/lib/evol-studio for.
  it.skipIf(!isRoot())(
    "runs from a folder only root can enter and finds its data again on the next start",
    async () => {
      const project = path.join(scratch, "private");
      const dataDir = path.join(project, ".data", "postgres");
      await mkdir(dataDir, { recursive: true });
      await chmod(project, 0o700);
      const link = path.join(dataDir, "cluster");
      const listeners = () => [process.listenerCount("SIGINT"), process.listenerCount("SIGTERM")];
      const before = listeners();
      const port = await freePort();

      const first = await startEmbeddedPostgres({ dataDir, port, database: "evol_private" });
      const cluster = await readlink(link);
      try {
        expect(path.dirname(cluster)).toBe(path.join(SHARED_DIR, "clusters"));
        expect(existsSync(path.join(cluster, "PG_VERSION"))).toBe(true);
        // Signals stay the caller's: nothing stops the server behind the launcher's back.
        expect(listeners()).toEqual(before);
        await query(first.url, "CREATE TABLE kept (id int)");
        const pid = Number((await readFile(path.join(cluster, "postmaster.pid"), "utf8")).split("\n")[0]);
        await first.stop();
        expect(isAlive(pid)).toBe(false);

        const second = await startEmbeddedPostgres({ dataDir, port, database: "evol_private" });
        await second.stop();
        expect(await readlink(link)).toBe(cluster);
        expect((await lstat(link)).isSymbolicLink()).toBe(true);
      } finally {
        await rm(cluster, { recursive: true, force: true });
      }
    },
  );

  it("names the port and quotes Postgres when the port is taken", async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    const { port } = blocker.address() as net.AddressInfo;
    const dataDir = path.join(scratch, "port-taken");
    try {
      const error = await startEmbeddedPostgres({ dataDir, port, database: "evol_port" }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).message).toContain(`127.0.0.1:${port}: port ${port} is in use by another program`);
      expect((error as Error).message).toContain("Address already in use");
    } finally {
      blocker.close();
    }
  });
});

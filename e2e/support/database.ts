import { readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";

/**
 * A connection to the browser tests' own database (the launcher's embedded
 * Postgres under .data/e2e), for the few tests that must stage what no page
 * can do, such as an export whose process died. Closed by the caller.
 */
export async function connectE2eDatabase(): Promise<pg.Client> {
  const dataDir = path.resolve(".data/e2e");
  const password = readFileSync(path.join(dataDir, "postgres", "password"), "utf8").trim();
  const port = Number(process.env.E2E_POSTGRES_PORT ?? 54339);
  const client = new pg.Client({ host: "127.0.0.1", port, user: "postgres", password, database: "evol_studio" });
  await client.connect();
  return client;
}

import pg from "pg";
import { localDatabaseUrl } from "@/lib/server/bootstrap/local-database-url";
import { prepareEnvironment } from "@/lib/server/bootstrap/prepare-environment";
import { getEnv } from "@/lib/server/config/env";

/**
 * For the CLIs (`npm run evolve`, `npm run export`, `npm run seed:scale`): the app's database when
 * it is up; otherwise the embedded one, started here and stopped after. Sets
 * DATABASE_URL for the services the CLI then loads.
 */
export async function connectDatabase(
  log: (message: string) => void,
): Promise<{ url: string; stop: () => Promise<void> }> {
  try {
    const url = localDatabaseUrl();
    const probe = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
    await probe.connect();
    await probe.end();
    process.env.DATABASE_URL = url;
    return { url, stop: async () => {} };
  } catch (error) {
    if (getEnv().DATABASE_URL) throw error;
    const prepared = await prepareEnvironment({ env: getEnv(), log });
    process.env.DATABASE_URL = prepared.databaseUrl;
    return { url: prepared.databaseUrl, stop: async () => prepared.embedded?.stop() };
  }
}

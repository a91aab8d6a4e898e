import pg from "pg";
import { localDatabaseUrl } from "@/lib/server/bootstrap/local-database-url";
import { prepareEnvironment } from "@/lib/server/bootstrap/prepare-environment";

/**
 * For the CLIs (`npm run evolve`, `npm run export`): the app's database when
 * it is up; otherwise the embedded one, started here and stopped after. Sets
 * DATABASE_URL for the services the CLI then loads.
 */
export async function connectDatabase(log: (message: string) => void): Promise<{ stop: () => Promise<void> }> {
  try {
    const url = localDatabaseUrl();
    const probe = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
    await probe.connect();
    await probe.end();
    process.env.DATABASE_URL = url;
    return { stop: async () => {} };
  } catch (error) {
    if (process.env.DATABASE_URL) throw error;
    const prepared = await prepareEnvironment({ env: process.env, log });
    process.env.DATABASE_URL = prepared.databaseUrl;
    return { stop: async () => prepared.embedded?.stop() };
  }
}

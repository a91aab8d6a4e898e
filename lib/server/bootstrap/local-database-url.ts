import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

/**
 * The database a helper process (worker, CLI) should use: DATABASE_URL, or
 * the embedded Postgres that `npm start` runs from this project's data folder.
 */
export function localDatabaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  if (env.DATABASE_URL) return env.DATABASE_URL;
  const dataDir = path.resolve(env.EVOL_DATA_DIR ?? ".data", "postgres");
  const passwordFile = path.join(dataDir, "password");
  if (!existsSync(passwordFile)) {
    throw new Error(
      "DATABASE_URL is not set and there is no embedded database here: start the app (`npm start`) first, or set DATABASE_URL.",
    );
  }
  const password = readFileSync(passwordFile, "utf8").trim();
  const port = Number(env.EMBEDDED_POSTGRES_PORT ?? 54329);
  return `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/evol_studio`;
}

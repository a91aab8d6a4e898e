import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { getEnv, type Env } from "@/lib/server/config/env";

/**
 * The database a helper process (worker, CLI) should use: DATABASE_URL, or
 * the embedded Postgres that `npm start` runs from this project's data folder.
 */
export function localDatabaseUrl(env: Env = getEnv()): string {
  if (env.DATABASE_URL) return env.DATABASE_URL;
  const passwordFile = path.resolve(env.EVOL_DATA_DIR, "postgres", "password");
  if (!existsSync(passwordFile)) {
    throw new Error(
      "DATABASE_URL is not set and there is no embedded database here: start the app (`npm start`) first, or set DATABASE_URL.",
    );
  }
  const password = readFileSync(passwordFile, "utf8").trim();
  return `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${env.EMBEDDED_POSTGRES_PORT}/evol_studio`;
}

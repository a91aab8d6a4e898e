import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";

/**
 * A Postgres left running by an app that was killed (SIGKILL skips clean-up)
 * still holds the data folder; stop it so this start can take over.
 */
export async function stopOrphanedServer(clusterDir: string): Promise<void> {
  const pid = await readPostmasterPid(clusterDir);
  // A stale pid file may name a process that has since been reused.
  if (pid === null || !isAlive(pid) || !(await isPostgres(pid))) return;
  process.kill(pid, "SIGINT");
  for (let i = 0; i < 100 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
}

export async function readPostmasterPid(clusterDir: string): Promise<number | null> {
  const pidFile = path.join(clusterDir, "postmaster.pid");
  if (!existsSync(pidFile)) return null;
  const pid = Number((await readFile(pidFile, "utf8")).split("\n")[0]);
  return Number.isInteger(pid) && pid > 0 ? pid : null;
}

async function isPostgres(pid: number): Promise<boolean> {
  try {
    return (await readFile(`/proc/${pid}/cmdline`, "utf8")).includes("postgres");
  } catch {
    return false;
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

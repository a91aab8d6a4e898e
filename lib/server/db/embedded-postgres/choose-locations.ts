import path from "node:path";
import { binary, copySharedBinaries, findPackagedBinaries, type PostgresBinaries } from "./binaries";
import { locateCluster } from "./cluster-location";
import { canAccess, ensurePostgresUser, isRoot, type PostgresUser } from "./postgres-user";
import { cannotReach } from "./setup-error";

/** Where root keeps what the postgres user must reach when a project's own folder is closed to it. */
export const SHARED_DIR = "/var/lib/evol-studio";

export interface ServerLocations {
  binaries: PostgresBinaries;
  /** The cluster's real folder (never a symlink): Postgres is given this path. */
  clusterDir: string;
  /** The user Postgres runs as; null when it runs as us (we are not root). */
  user: PostgresUser | null;
}

/**
 * Which binaries to run, where the cluster lives and as whom. Not root: the
 * package's binaries and `dataDir/cluster`, as always. Root: Postgres runs as
 * the postgres user, and whatever of the two that user cannot reach (a
 * project under /root, say) is moved to `sharedDir` (see copySharedBinaries
 * and locateCluster).
 */
export async function chooseLocations(options: {
  dataDir: string;
  sharedDir?: string;
  log?: (message: string) => void;
}): Promise<ServerLocations> {
  const { dataDir, sharedDir = SHARED_DIR, log } = options;
  let binaries = await findPackagedBinaries();
  if (!isRoot()) return { binaries, clusterDir: await locateCluster({ dataDir, user: null, sharedDir }), user: null };
  const user = await ensurePostgresUser();
  if (!(await canRunBinaries(user, binaries))) {
    const packaged = binaries.nativeDir;
    try {
      binaries = await copySharedBinaries(binaries, sharedDir);
    } catch (error) {
      throw cannotReach(packaged, `nor could its binaries be copied to ${sharedDir} (${(error as Error).message})`);
    }
    if (!(await canRunBinaries(user, binaries)))
      throw cannotReach(packaged, `nor can it enter the copy in ${binaries.nativeDir}`);
    log?.(`the postgres user cannot reach ${packaged}: running Postgres from ${binaries.nativeDir}`);
  }
  const clusterDir = await locateCluster({ dataDir, user, sharedDir });
  const link = path.join(dataDir, "cluster");
  if (clusterDir !== link)
    log?.(`the postgres user cannot enter ${dataDir}: the cluster is in ${clusterDir} (${link} links to it)`);
  return { binaries, clusterDir, user };
}

export function canRunBinaries(user: PostgresUser, binaries: PostgresBinaries): Promise<boolean> {
  return canAccess(user, [
    ["-x", binary(binaries.nativeDir, "initdb")],
    ["-x", binary(binaries.nativeDir, "postgres")],
    ["-x", path.join(binaries.nativeDir, "lib")],
    ["-x", path.join(binaries.nativeDir, "share")],
  ]);
}

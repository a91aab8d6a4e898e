/**
 * Embedded Postgres cannot run on this machine as things stand; the message
 * says why and what to do, and the launcher prints it without a stack trace.
 */
export class EmbeddedPostgresSetupError extends Error {
  override name = "EmbeddedPostgresSetupError";
}

/** For when the postgres user cannot enter the project and the shared folder could not be used either. */
export function cannotReach(what: string, reason: string): EmbeddedPostgresSetupError {
  return new EmbeddedPostgresSetupError(
    `Postgres refuses to run as root, so the embedded one runs as the \`postgres\` user, which cannot enter ${what}; ` +
      `${reason}. Either put the project (or EVOL_DATA_DIR) in a folder the postgres user can enter, ` +
      `or set DATABASE_URL to a Postgres server.`,
  );
}

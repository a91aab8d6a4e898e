/**
 * How long any pool of ours (Prisma's, pg-boss's) waits for a new connection
 * before it gives up: a database host that is gone or black-holed by a
 * firewall must fail the request or job, not hang it for the OS's minutes.
 */
export const DATABASE_CONNECT_TIMEOUT_MS = 5_000;

/**
 * How long any pool of ours (Prisma's, pg-boss's) waits for a new connection
 * before it gives up: a database host that is gone or black-holed by a
 * firewall must fail the request or job, not hang it for the OS's minutes.
 */
export const DATABASE_CONNECT_TIMEOUT_MS = 5_000;

/**
 * What every pool and client of ours is created with (besides its connection
 * string): the connect timeout, and TCP keepalive probing after 10 s of
 * silence, so a connection to a host that vanished without closing it (a crash
 * of the machine, a firewall dropping packets) is found dead by the kernel and
 * dropped from its pool, instead of failing the next statement only after the
 * OS's own hours.
 */
export const DATABASE_CONNECTION_OPTIONS = {
  connectionTimeoutMillis: DATABASE_CONNECT_TIMEOUT_MS,
  keepAlive: true,
  keepAliveInitialDelayMillis: 10_000,
} as const;

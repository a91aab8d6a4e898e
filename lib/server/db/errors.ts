import { Prisma } from "@/lib/generated/prisma/client";
import { DATABASE_UNAVAILABLE } from "@/lib/routes/route-error";
import { markDatabaseUnavailable } from "@/lib/server/http/request-state";

export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

export function isNotFound(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2025";
}

// P1001 cannot reach, P1002 timed out reaching, P1017 the server closed the connection.
const PRISMA_CODES = new Set(["P1001", "P1002", "P1017"]);
// What @prisma/adapter-pg calls a lost or refused connection.
const ADAPTER_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout"]);
const SOCKET_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ENOTFOUND", "ETIMEDOUT", "EPIPE"]);
// SQLSTATE class 08 (connection exception), 57P01-57P03 (shut down by an admin, crashed, starting up).
const SQLSTATE = /^(08...|57P0[123])$/;
// pg's own words for a client whose connection was lost ("… and is not queryable") are among them.
// "Query read timeout" is pg's `query_timeout`: a reply that did not come in time (a host black-holed mid-statement).
const MESSAGES =
  /Connection terminated|Client has encountered a connection error|terminating connection|timeout expired|Query read timeout|the database system is (starting up|shutting down|not yet accepting)/i;

/** `error` and what caused it, as far as six levels down. */
function* causeChain(error: unknown): Generator<object> {
  for (let current = error, depth = 0; current && typeof current === "object" && depth < 6; depth++) {
    yield current;
    current = (current as { cause?: unknown }).cause;
  }
}

/** pg's error for a statement whose reply did not come within its `query_timeout` (possibly wrapped). */
export function isReplyTimeout(error: unknown): boolean {
  for (const current of causeChain(error)) {
    if ((current as { message?: unknown }).message === "Query read timeout") return true;
  }
  return false;
}

/**
 * Whether `error` (or what caused it) says the database cannot be reached
 * right now, as opposed to a query that failed: Prisma's own codes, the
 * pg driver adapter's error kinds, and raw pg / socket errors (pg-boss).
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (const current of causeChain(error)) {
    if (current instanceof DatabaseUnavailableError) return true;
    const { code, message, meta } = current as {
      code?: unknown;
      message?: unknown;
      meta?: { driverAdapterError?: { cause?: { kind?: string; code?: string } } };
    };
    if (typeof code === "string" && (PRISMA_CODES.has(code) || SOCKET_CODES.has(code) || SQLSTATE.test(code)))
      return true;
    const adapter = meta?.driverAdapterError?.cause;
    if (adapter?.kind && ADAPTER_KINDS.has(adapter.kind)) return true;
    if (adapter?.kind === "postgres" && adapter.code && SQLSTATE.test(adapter.code)) return true;
    if (typeof message === "string" && MESSAGES.test(message)) return true;
  }
  return false;
}

/**
 * The database cannot be reached (it is restarting, or gone). Its digest
 * survives Next's production error handling, so app/error.tsx can say so
 * instead of showing a generic failure; it also marks the request so the
 * web server answers 503 (lib/server/http/app-server.ts).
 */
export class DatabaseUnavailableError extends Error {
  override name = "DatabaseUnavailableError";
  readonly digest = DATABASE_UNAVAILABLE;
  constructor(cause: unknown) {
    super("The database is not reachable.", { cause });
    markDatabaseUnavailable();
  }
}

/** `error` as a DatabaseUnavailableError when it is one in substance, else unchanged. */
export function asDatabaseUnavailable(error: unknown): unknown {
  return !(error instanceof DatabaseUnavailableError) && isDatabaseUnavailable(error)
    ? new DatabaseUnavailableError(error)
    : error;
}

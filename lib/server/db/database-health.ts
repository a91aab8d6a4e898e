import { getPrisma } from "./prisma";

// Socket errors and the server codes for "connection gone / not accepting yet" (SQLSTATE class 08, 57P01-03).
const UNREACHABLE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "EHOSTUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
  "57P01",
  "57P02",
  "57P03",
  "08000",
  "08001",
  "08003",
  "08004",
  "08006",
  "P1001",
  "P1017",
]);
const UNREACHABLE_TEXT =
  /ECONNREFUSED|ECONNRESET|Connection terminated|terminating connection|Connection ended unexpectedly|the database system is (starting up|shutting down|in recovery mode)|Can't reach database|Server has closed the connection|connection error|Client was closed|timeout exceeded when trying to connect/i;

/**
 * Thrown by work that met a database outage and finished what it had in hand
 * (e.g. stored a reply once the database was back) but should not go on: its
 * job is handed back to the queue, which runs it again, once, from what is stored.
 */
export class DatabaseWasAwayError extends Error {
  constructor() {
    super("the database was unreachable during this step; it runs again from what is stored");
  }
}

/** Whether an error (or anything it wraps) says the database cannot be reached, rather than that a query was wrong. */
export function isDatabaseUnreachable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== "object" || depth > 5) return false;
  const e = error as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
  if (typeof e.code === "string" && UNREACHABLE_CODES.has(e.code)) return true;
  if (typeof e.message === "string" && UNREACHABLE_TEXT.test(e.message)) return true;
  if (Array.isArray(e.errors) && e.errors.some((inner) => isDatabaseUnreachable(inner, depth + 1))) return true;
  return isDatabaseUnreachable(e.cause, depth + 1);
}

interface Outage {
  since: number;
  back: Promise<void>;
  resolve: () => void;
}

const globalForHealth = globalThis as unknown as {
  evolDatabaseOutage?: Outage | null;
  evolDatabaseLog?: (message: string) => void;
};

/** Where the one line per state change goes (a worker passes its own prefix). */
export function setDatabaseHealthLog(log: (message: string) => void): void {
  globalForHealth.evolDatabaseLog = log;
}

function log(message: string) {
  (globalForHealth.evolDatabaseLog ?? ((m: string) => console.log(`[database] ${m}`)))(message);
}

/**
 * Notes an error from any database client of this process. If it says the
 * database is unreachable, the process counts it as down (logging once) and
 * probes with backoff until it answers; returns whether it was such an error.
 */
export function reportDatabaseError(error: unknown): boolean {
  if (!isDatabaseUnreachable(error)) return false;
  if (!globalForHealth.evolDatabaseOutage) {
    let resolve!: () => void;
    const back = new Promise<void>((r) => (resolve = r));
    globalForHealth.evolDatabaseOutage = { since: Date.now(), back, resolve };
    const reason = error instanceof Error ? error.message.split("\n")[0].slice(0, 200) : String(error);
    log(`database unreachable (${reason}): no new LLM calls, replies kept until it is back`);
    void probeUntilBack(globalForHealth.evolDatabaseOutage);
  }
  return true;
}

export function isDatabaseDown(): boolean {
  return Boolean(globalForHealth.evolDatabaseOutage);
}

/** Resolves at once while the database is up, otherwise when it answers again. */
export function waitForDatabase(): Promise<void> {
  return globalForHealth.evolDatabaseOutage?.back ?? Promise.resolve();
}

/**
 * Runs `work` (which must be safe to repeat: keyed writes, conditional
 * updates), and while it fails because the database is away, waits for it to
 * come back and runs it again. Any other error is thrown.
 */
export async function withDatabaseRetry<T>(work: () => Promise<T>): Promise<{ value: T; retried: boolean }> {
  for (let retried = false; ; retried = true) {
    try {
      return { value: await work(), retried };
    } catch (error) {
      if (!reportDatabaseError(error)) throw error;
      await waitForDatabase();
    }
  }
}

async function probeUntilBack(outage: Outage) {
  for (let i = 0; ; i++) {
    await new Promise((r) => setTimeout(r, Math.min(5_000, 100 * 2 ** i)));
    try {
      await getPrisma().$queryRaw`SELECT 1`;
      break;
    } catch {
      // Still away; the next probe waits longer.
    }
  }
  globalForHealth.evolDatabaseOutage = null;
  log(`database back after ${((Date.now() - outage.since) / 1000).toFixed(1)} s`);
  outage.resolve();
}

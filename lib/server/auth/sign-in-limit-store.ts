import { getPrisma } from "@/lib/server/db/prisma";
import {
  ACCOUNT_WINDOW_SECONDS,
  limitKeys,
  pairLockMinutes,
  PAIR_WINDOW_SECONDS,
  type SignInLimitState,
} from "./sign-in-limits";

// The counts live in Postgres, so every app process shares them.

/** The counts and the known-address flag that decide whether `email` may try to sign in from `address`. */
export async function readSignInLimitState(options: { email: string; address: string }): Promise<SignInLimitState> {
  const prisma = getPrisma();
  const keys = limitKeys(options.email, options.address);
  const [rows, known] = await Promise.all([
    prisma.signInFailure.findMany({ where: { key: { in: [keys.pair, keys.account, keys.address] } } }),
    prisma.knownSignInAddress.findFirst({
      where: { address: options.address, user: { email: options.email } },
      select: { userId: true },
    }),
  ]);
  const row = (key: string) => rows.find((r) => r.key === key) ?? null;
  return { pair: row(keys.pair), account: row(keys.account), address: row(keys.address), knownAddress: !!known };
}

/** Adds one failure to `key`'s count, starting a new window when the last one is over; returns the count. */
async function countFailure(key: string, windowSeconds: number, now: Date): Promise<number> {
  const windowOpen = new Date(now.getTime() - windowSeconds * 1000);
  const [row] = await getPrisma().$queryRaw<{ failures: number }[]>`
    INSERT INTO "sign_in_failures" ("key", "failures", "window_start", "last_failure_at")
    VALUES (${key}, 1, ${now}, ${now})
    ON CONFLICT ("key") DO UPDATE SET
      "failures" = CASE WHEN "sign_in_failures"."window_start" <= ${windowOpen} THEN 1
                        ELSE "sign_in_failures"."failures" + 1 END,
      "window_start" = CASE WHEN "sign_in_failures"."window_start" <= ${windowOpen} THEN ${now}
                            ELSE "sign_in_failures"."window_start" END,
      "last_failure_at" = ${now}
    RETURNING "failures"`;
  return row!.failures;
}

/** Counts a wrong password (or unknown email) for the pair, the account and the address. */
export async function recordFailedSignIn(options: {
  email: string;
  address: string;
  addressWindowSeconds: number;
  now?: Date;
}) {
  const now = options.now ?? new Date();
  const keys = limitKeys(options.email, options.address);
  const prisma = getPrisma();
  const [pairFailures] = await Promise.all([
    countFailure(keys.pair, PAIR_WINDOW_SECONDS, now),
    countFailure(keys.account, ACCOUNT_WINDOW_SECONDS, now),
    countFailure(keys.address, options.addressWindowSeconds, now),
  ]);
  const lockMinutes = pairLockMinutes(pairFailures);
  if (lockMinutes > 0) {
    await prisma.signInFailure.update({
      where: { key: keys.pair },
      data: { lockedUntil: new Date(now.getTime() + lockMinutes * 60_000) },
    });
  }
  // Every window is at most a day long, and every lock ends sooner: older rows count for nothing.
  const dayAgo = new Date(now.getTime() - PAIR_WINDOW_SECONDS * 1000);
  await prisma.signInFailure.deleteMany({
    where: { lastFailureAt: { lt: dayAgo }, OR: [{ lockedUntil: null }, { lockedUntil: { lt: now } }] },
  });
}

/** Addresses not signed in from for this long stop counting as known. */
const KNOWN_ADDRESS_DAYS = 180;

/** A successful sign-in: the pair's failures are forgotten and the address is known to the account from now on. */
export async function recordSignIn(options: { userId: string; email: string; address: string }) {
  const prisma = getPrisma();
  const now = new Date();
  const stale = new Date(now.getTime() - KNOWN_ADDRESS_DAYS * 24 * 60 * 60 * 1000);
  await prisma.$transaction([
    prisma.signInFailure.deleteMany({ where: { key: limitKeys(options.email, options.address).pair } }),
    prisma.knownSignInAddress.deleteMany({ where: { userId: options.userId, lastSignInAt: { lt: stale } } }),
    prisma.knownSignInAddress.upsert({
      where: { userId_address: { userId: options.userId, address: options.address } },
      create: { userId: options.userId, address: options.address, lastSignInAt: now },
      update: { lastSignInAt: now },
    }),
  ]);
}

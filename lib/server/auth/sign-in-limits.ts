// Which sign-ins to refuse, from the failures counted so far. Three counts,
// each keyed on what an attacker cannot choose (the address our server
// stamps, see lib/server/http/client-address.ts):
// - per (account, address) pair: a few failures in a row lock that pair
//   only, a little longer each time: guessing one account from one address;
// - per address (SIGN_IN_RATE_LIMIT): guessing many accounts from one address;
// - per account, across addresses: guessing one account from many addresses.
// The last two spare an address the account has signed in from before, so
// failures on made-up emails from a shared address, or a spray against the
// account from elsewhere, cannot lock its owner out.

/** Failures in a row allowed per account and address before the pair is locked. */
export const PAIR_FREE_FAILURES = 5;
/** The first lockout of a pair; it doubles with every further failure, up to PAIR_MAX_LOCK_MINUTES. */
export const PAIR_FIRST_LOCK_MINUTES = 1;
export const PAIR_MAX_LOCK_MINUTES = 15;
/** How long a pair's failures are remembered (a success forgets them at once). */
export const PAIR_WINDOW_SECONDS = 24 * 60 * 60;
/** Failures per account, from all addresses together, before unknown addresses are refused. */
export const ACCOUNT_MAX_FAILURES = 20;
export const ACCOUNT_WINDOW_SECONDS = 60 * 60;

export interface FailureCount {
  failures: number;
  windowStart: Date;
  lockedUntil: Date | null;
}

export interface SignInLimitState {
  pair: FailureCount | null;
  account: FailureCount | null;
  address: FailureCount | null;
  /** Whether the account has signed in from this address before. */
  knownAddress: boolean;
}

export interface SignInRefusal {
  reason: "pair" | "account" | "address";
  message: string;
  retryAfterSeconds: number;
}

export const limitKeys = (email: string, address: string) => ({
  pair: `pair:${email}|${address}`,
  account: `account:${email}`,
  address: `address:${address}`,
});

/** One spelling per account: emails are stored lower case. */
export const normalizeEmail = (email: string) => email.trim().toLowerCase();

/** How long a pair is locked after its `failures`-th failure in a row (0: not locked). */
export function pairLockMinutes(failures: number): number {
  if (failures < PAIR_FREE_FAILURES) return 0;
  return Math.min(PAIR_FIRST_LOCK_MINUTES * 2 ** (failures - PAIR_FREE_FAILURES), PAIR_MAX_LOCK_MINUTES);
}

function waitText(seconds: number): string {
  if (seconds < 60) return seconds === 1 ? "1 second" : `${seconds} seconds`;
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? "1 minute" : `${minutes} minutes`;
}

/** Seconds left in a count's window once it reached `max` failures; 0 when it has not or the window is over. */
function windowBlock(count: FailureCount | null, max: number, windowSeconds: number, now: Date): number {
  if (!count || count.failures < max) return 0;
  const end = count.windowStart.getTime() + windowSeconds * 1000;
  return end > now.getTime() ? Math.ceil((end - now.getTime()) / 1000) : 0;
}

/** Why a sign-in attempt must be refused before the password is even checked, or null to let it through. */
export function signInRefusal(
  state: SignInLimitState,
  addressLimit: { max: number; window: number },
  now = new Date(),
): SignInRefusal | null {
  const lockedUntil = state.pair?.lockedUntil?.getTime() ?? 0;
  if (lockedUntil > now.getTime()) {
    const seconds = Math.ceil((lockedUntil - now.getTime()) / 1000);
    return {
      reason: "pair",
      retryAfterSeconds: seconds,
      message: `Too many attempts for this account from this address; try again in ${waitText(seconds)}.`,
    };
  }
  if (state.knownAddress) return null;
  const account = windowBlock(state.account, ACCOUNT_MAX_FAILURES, ACCOUNT_WINDOW_SECONDS, now);
  if (account > 0) {
    return {
      reason: "account",
      retryAfterSeconds: account,
      message:
        `Too many failed sign-ins for this account; try again in ${waitText(account)}, ` +
        "or from a place you have signed in from before.",
    };
  }
  const address = windowBlock(state.address, addressLimit.max, addressLimit.window, now);
  if (address > 0) {
    return {
      reason: "address",
      retryAfterSeconds: address,
      message: `Too many failed sign-ins from this address; try again in ${waitText(address)}.`,
    };
  }
  return null;
}

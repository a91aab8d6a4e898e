/**
 * Sign-in attempts allowed per client address and window, from
 * SIGN_IN_RATE_LIMIT ("max/seconds", default 10 per minute).
 */
export function signInRateLimit(value = process.env.SIGN_IN_RATE_LIMIT): { max: number; window: number } {
  const match = /^(\d+)\/(\d+)$/.exec(value?.trim() ?? "");
  if (!match) return { max: 10, window: 60 };
  return { max: Math.max(1, Number(match[1])), window: Math.max(1, Number(match[2])) };
}

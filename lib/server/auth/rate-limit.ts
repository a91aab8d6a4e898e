import { getEnv, type Env } from "@/lib/server/config/env";

/** Sign-in attempts allowed per client address and window, from SIGN_IN_RATE_LIMIT ("max/seconds"). */
export function signInRateLimit(env: Env = getEnv()): { max: number; window: number } {
  return env.SIGN_IN_RATE_LIMIT;
}

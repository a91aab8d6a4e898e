import type { BetterAuthPlugin } from "better-auth";
import { APIError, createAuthMiddleware, getIP } from "better-auth/api";
import { getEnv } from "@/lib/server/config/env";
import { UNKNOWN_ADDRESS } from "@/lib/server/http/client-address";
import { readSignInLimitState, recordFailedSignIn, recordSignIn } from "./sign-in-limit-store";
import { normalizeEmail, signInRefusal } from "./sign-in-limits";

const SIGN_IN_PATH = "/sign-in/email";

type HookContext = Parameters<Parameters<typeof createAuthMiddleware>[0]>[0];

/**
 * The attempt's account and address, or null for a call without a request
 * (server code calling auth.api itself) or without an email (better-auth
 * answers that with a validation error). The address is the one our server
 * stamps (advanced.ipAddress.ipAddressHeaders), read the way better-auth's
 * own limiter reads it (IPv6 grouped by /64), or "unknown" without it.
 */
function attempt(ctx: HookContext): { email: string; address: string } | null {
  const email = (ctx.body as { email?: unknown } | undefined)?.email;
  const source = ctx.request ?? ctx.headers;
  if (typeof email !== "string" || !source) return null;
  return { email: normalizeEmail(email), address: getIP(source, ctx.context.options) ?? UNKNOWN_ADDRESS };
}

/**
 * Sign-in limits counted on failures (see sign-in-limits.ts): checked before
 * the password is, recorded after better-auth answered. better-auth's own
 * per-address limit on the path stays as a flood guard only, loose enough
 * that people sharing an address do not lock each other out.
 */
export function signInLimits() {
  return {
    id: "evol-sign-in-limits",
    rateLimit: [{ pathMatcher: (path: string) => path === SIGN_IN_PATH, window: 60, max: 300 }],
    hooks: {
      before: [
        {
          matcher: (ctx) => ctx.path === SIGN_IN_PATH,
          handler: createAuthMiddleware(async (ctx) => {
            const who = attempt(ctx);
            if (!who) return;
            const refusal = signInRefusal(await readSignInLimitState(who), getEnv().SIGN_IN_RATE_LIMIT);
            if (!refusal) return;
            throw new APIError(
              "TOO_MANY_REQUESTS",
              { message: refusal.message, code: "SIGN_IN_LIMITED" },
              { "X-Retry-After": String(refusal.retryAfterSeconds) },
            );
          }),
        },
      ],
      after: [
        {
          matcher: (ctx) => ctx.path === SIGN_IN_PATH,
          handler: createAuthMiddleware(async (ctx) => {
            const who = attempt(ctx);
            if (!who) return;
            const returned = ctx.context.returned;
            if (returned instanceof APIError) {
              // Only a wrong password or unknown email is a guess; a refusal by these limits is not counted again.
              if (returned.statusCode === 401) {
                await recordFailedSignIn({ ...who, addressWindowSeconds: getEnv().SIGN_IN_RATE_LIMIT.window });
              }
              return;
            }
            const userId = ctx.context.newSession?.user.id;
            if (userId) await recordSignIn({ ...who, userId });
          }),
        },
      ],
    },
  } satisfies BetterAuthPlugin;
}

import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { nextCookies } from "better-auth/next-js";
import { admin } from "better-auth/plugins";
import { createAccessControl } from "better-auth/plugins/access";
import { adminAc, defaultStatements } from "better-auth/plugins/admin/access";
import { trustedOrigins } from "@/lib/auth/trusted-origins";
import { getEnv } from "@/lib/server/config/env";
import { getPrisma } from "@/lib/server/db/prisma";
import { CLIENT_ADDRESS_HEADER } from "@/lib/server/http/client-address";
import { signInLimits } from "./sign-in-limits-plugin";

const ac = createAccessControl(defaultStatements);
export const ROLES = ["admin", "annotator"] as const;
export type AppRole = (typeof ROLES)[number];

function createAuth() {
  const env = getEnv();
  return betterAuth({
    appName: "Evol Studio",
    baseURL: env.APP_URL,
    trustedOrigins: trustedOrigins(env.APP_URL),
    advanced: {
      // better-auth skips its origin check when NODE_ENV is "test"; keep it on everywhere.
      disableOriginCheck: false,
      // The client's address as our server derived it; X-Forwarded-For is the client's to forge.
      ipAddress: { ipAddressHeaders: [CLIENT_ADDRESS_HEADER] },
      useSecureCookies: env.APP_URL.startsWith("https://"),
    },
    secret: env.BETTER_AUTH_SECRET,
    database: prismaAdapter(getPrisma(), { provider: "postgresql" }),
    // Accounts are created by admins only; there is no public sign-up.
    emailAndPassword: { enabled: true, disableSignUp: true, minPasswordLength: 10 },
    // Names credit people in exports and dataset cards: only admins change them
    // (Users page), so nobody can rename themself "Admin" through update-user.
    disabledPaths: ["/update-user"],
    session: { expiresIn: 60 * 60 * 24 * 14, updateAge: 60 * 60 * 24 },
    rateLimit: {
      enabled: true,
      storage: "database",
      window: 60,
      max: 300,
    },
    plugins: [
      admin({
        ac,
        roles: { admin: adminAc, annotator: ac.newRole({ user: [], session: [] }) },
        defaultRole: "annotator",
        adminRoles: ["admin"],
        bannedUserMessage: "This account has been disabled. Ask an admin to enable it again.",
      }),
      // Failed sign-ins per address, account and both (SIGN_IN_RATE_LIMIT and fixed limits).
      signInLimits(),
      // Lets server actions that call auth.api set cookies.
      nextCookies(),
    ],
  });
}

export type Auth = ReturnType<typeof createAuth>;
const globalForAuth = globalThis as unknown as { evolAuth?: Auth };

export function getAuth(): Auth {
  globalForAuth.evolAuth ??= createAuth();
  return globalForAuth.evolAuth;
}

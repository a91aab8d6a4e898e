// Sign-in limits through the app's own HTTP server (which stamps the client's
// address) and better-auth's real handler, on a real Postgres.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ACCOUNT_MAX_FAILURES, PAIR_FREE_FAILURES } from "@/lib/server/auth/sign-in-limits";
import { startAuthServer } from "@/tests/fixtures/auth-server";
import { createTestUser } from "@/tests/fixtures/users";
import { setupTestDatabase } from "@/tests/setup/test-database";

process.env.APP_URL = "http://localhost:3000";
process.env.SIGN_IN_RATE_LIMIT = "10/60";
await setupTestDatabase();
const { getPrisma } = await import("@/lib/server/db/prisma");

// Every request reaches these servers from 127.0.0.1. The first trusts no proxy, so each request's address is
// 127.0.0.1 whatever its headers say; the second plays a server behind a proxy on 127.0.0.1.
const direct = await startAuthServer({ trustedProxies: [] });
const behindProxy = await startAuthServer({ trustedProxies: ["127.0.0.1"] });

const origin = "http://localhost:3000";
const madeUpEmail = () => `nobody-${randomBytes(4).toString("hex")}@example.com`;
let nextAddress = 1;
/** A client address no other test uses. */
const freshAddress = () => `198.51.100.${nextAddress++}`;

async function signIn(
  server: { url: string },
  account: { email: string; password: string },
  headers: Record<string, string> = {},
) {
  const response = await fetch(`${server.url}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin, ...headers },
    body: JSON.stringify({ email: account.email, password: account.password }),
  });
  const body = (await response.json().catch(() => null)) as { message?: string; code?: string } | null;
  return { status: response.status, message: body?.message ?? "", response };
}

/** A sign-in from `address`, as the proxy in front of `behindProxy` forwards it. */
const viaProxy = (account: { email: string; password: string }, address: string, forgedPart = "") =>
  signIn(behindProxy, account, { "x-forwarded-for": forgedPart ? `${forgedPart}, ${address}` : address });

const wrong = (user: { email: string }) => ({ email: user.email, password: "wrong-password" });

describe("the client's address", () => {
  it("cannot be changed by the client: forged X-Forwarded-For and our own header share one bucket", async () => {
    const user = await createTestUser("annotator");
    for (let i = 0; i < PAIR_FREE_FAILURES; i++) {
      const forged = { "x-forwarded-for": `203.0.113.${i}`, "x-evol-client-address": `192.0.2.${i}` };
      expect((await signIn(direct, wrong(user), forged)).status).toBe(401);
    }
    const right = await signIn(direct, user, { "x-forwarded-for": "203.0.113.200" });
    expect(right.status).toBe(429);
    expect(right.message).toMatch(/^Too many attempts for this account from this address; try again in 1 minute\.$/);
    const keys = (await getPrisma().signInFailure.findMany({ select: { key: true } })).map((r) => r.key);
    expect(keys).toContain(`pair:${user.email}|127.0.0.1`);
    expect(keys.some((key) => key.includes("203.0.113.") || key.includes("192.0.2."))).toBe(false);
  });

  it("behind a trusted proxy is the right-most X-Forwarded-For entry, whatever the client put before it", async () => {
    const user = await createTestUser("annotator");
    const client = freshAddress();
    for (let i = 0; i < PAIR_FREE_FAILURES; i++) {
      expect((await viaProxy(wrong(user), client, `203.0.113.${i}`)).status).toBe(401);
    }
    expect((await viaProxy(user, client, "203.0.113.99")).status).toBe(429);
    // Another client of the same proxy is not affected.
    expect((await viaProxy(user, freshAddress(), "203.0.113.99")).status).toBe(200);
    const row = await getPrisma().signInFailure.findUnique({ where: { key: `address:${client}` } });
    expect(row?.failures).toBe(PAIR_FREE_FAILURES);
  });
});

describe("per account and address", () => {
  it("locks the pair after a few failures in a row, longer each time, and forgets them on success", async () => {
    const user = await createTestUser("annotator");
    const address = freshAddress();
    for (let i = 0; i < PAIR_FREE_FAILURES; i++) expect((await viaProxy(wrong(user), address)).status).toBe(401);

    const locked = await viaProxy(user, address);
    expect(locked.status).toBe(429);
    expect(locked.message).toBe("Too many attempts for this account from this address; try again in 1 minute.");
    expect(Number(locked.response.headers.get("x-retry-after"))).toBeGreaterThan(50);
    // The owner elsewhere is not locked out.
    expect((await viaProxy(user, freshAddress())).status).toBe(200);

    // Once the lock is over, the next failure locks the pair again, for twice as long.
    const key = `pair:${user.email}|${address}`;
    await getPrisma().signInFailure.update({ where: { key }, data: { lockedUntil: new Date(Date.now() - 1000) } });
    expect((await viaProxy(wrong(user), address)).status).toBe(401);
    expect((await viaProxy(user, address)).message).toMatch(/try again in 2 minutes\.$/);

    await getPrisma().signInFailure.update({ where: { key }, data: { lockedUntil: new Date(Date.now() - 1000) } });
    expect((await viaProxy(user, address)).status).toBe(200);
    expect(await getPrisma().signInFailure.findUnique({ where: { key } })).toBeNull();
  });
});

describe("per address", () => {
  it("refuses an address after SIGN_IN_RATE_LIMIT failures, but not for accounts that signed in from it before", async () => {
    const admin = await createTestUser("admin");
    const newcomer = await createTestUser("annotator");
    const shared = freshAddress();
    expect((await viaProxy(admin, shared)).status).toBe(200);

    // Someone on the same address guesses made-up accounts.
    for (let i = 0; i < 10; i++) {
      expect((await viaProxy({ email: madeUpEmail(), password: "guess-guess" }, shared)).status).toBe(401);
    }
    const refused = await viaProxy({ email: madeUpEmail(), password: "guess-guess" }, shared);
    expect(refused.status).toBe(429);
    expect(refused.message).toMatch(
      /^Too many failed sign-ins from this address; try again in (\d+ seconds|1 minute)\.$/,
    );

    // The admin signed in from here before: still signs in. An account that never did waits for the window.
    expect((await viaProxy(admin, shared)).status).toBe(200);
    expect((await viaProxy(newcomer, shared)).status).toBe(429);
    expect((await viaProxy(newcomer, freshAddress())).status).toBe(200);
  });
});

describe("per account", () => {
  it("refuses new addresses after many failures from everywhere, and never the addresses its owner used", async () => {
    const user = await createTestUser("annotator");
    const home = freshAddress();
    expect((await viaProxy(user, home)).status).toBe(200);

    // A spray: one guess from each of many addresses, so neither a pair nor an address limit is reached.
    for (let i = 0; i < ACCOUNT_MAX_FAILURES; i++) {
      expect((await viaProxy(wrong(user), `203.0.113.${i + 1}`)).status).toBe(401);
    }
    const elsewhere = await viaProxy(user, freshAddress());
    expect(elsewhere.status).toBe(429);
    expect(elsewhere.message).toMatch(
      /^Too many failed sign-ins for this account; try again in \d+ minutes, or from a place you have signed in from before\.$/,
    );
    expect((await viaProxy(user, home)).status).toBe(200);
    // Other accounts are not touched.
    const other = await createTestUser("annotator");
    expect((await viaProxy(other, freshAddress())).status).toBe(200);
  });
});

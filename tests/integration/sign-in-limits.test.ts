import { beforeAll, describe, expect, it } from "vitest";
import { createTestUser, type TestUser } from "@/tests/fixtures/users";
import { setupTestDatabase } from "@/tests/setup/test-database";

process.env.SIGN_IN_RATE_LIMIT = "5/60";
await setupTestDatabase();
const { getAuth } = await import("@/lib/server/auth/auth");

const origin = "http://localhost:3000";
let user: TestUser;

function signIn(password: string, ip: string) {
  return getAuth().handler(
    new Request(`${origin}/api/auth/sign-in/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin, "x-forwarded-for": ip },
      body: JSON.stringify({ email: user.email, password }),
    }),
  );
}

beforeAll(async () => {
  user = await createTestUser("annotator");
});

describe("sign-in rate limit", () => {
  it("answers 429 after the allowed attempts from one address, even with the right password", async () => {
    for (let i = 0; i < 5; i++) expect((await signIn("wrong-password", "203.0.113.7")).status).toBe(401);
    const blocked = await signIn("wrong-password", "203.0.113.7");
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("x-retry-after"))).toBeGreaterThan(0);
    expect((await signIn(user.password, "203.0.113.7")).status).toBe(429);
  });

  it("counts each address on its own", async () => {
    const ok = await signIn(user.password, "198.51.100.4");
    expect(ok.status).toBe(200);
    expect(ok.headers.getSetCookie().some((c) => c.startsWith("better-auth.session_token="))).toBe(true);
  });

  it("keeps its counts in Postgres, so every app process shares them", async () => {
    const { getPrisma } = await import("@/lib/server/db/prisma");
    const row = await getPrisma().rateLimit.findFirst({ where: { key: { contains: "203.0.113.7" } } });
    expect(row?.count).toBe(5);
  });
});

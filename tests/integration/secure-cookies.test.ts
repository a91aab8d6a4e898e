import { beforeAll, expect, it } from "vitest";
import { createTestUser, type TestUser } from "@/tests/fixtures/users";
import { setupTestDatabase } from "@/tests/setup/test-database";

const appUrl = "https://evol.example.org";
process.env.APP_URL = appUrl;
await setupTestDatabase();
const { POST } = await import("@/app/api/auth/[...all]/route");

let user: TestUser;
beforeAll(async () => {
  user = await createTestUser("annotator");
});

it("sets only Secure cookies when APP_URL is https", async () => {
  const response = await POST(
    new Request(`${appUrl}/api/auth/sign-in/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: appUrl, "x-evol-client-address": "198.51.100.7" },
      body: JSON.stringify({ email: user.email, password: user.password }),
    }),
  );
  expect(response.status).toBe(200);
  const cookies = response.headers.getSetCookie();
  expect(cookies.some((c) => c.startsWith("__Secure-better-auth.session_token="))).toBe(true);
  for (const cookie of cookies) expect(cookie).toMatch(/;\s*Secure(;|$)/i);
});

import { beforeAll, describe, expect, it } from "vitest";
import { createTestUser, type TestUser } from "@/tests/fixtures/users";
import { setupTestDatabase } from "@/tests/setup/test-database";

process.env.APP_URL = "http://localhost:3000";
process.env.SIGN_IN_RATE_LIMIT = "100/60";
await setupTestDatabase();
const { GET, POST } = await import("@/app/api/auth/[...all]/route");

let user: TestUser;
beforeAll(async () => {
  user = await createTestUser("annotator");
});

/** A browser's sign-in from a page opened at `origin`, sent through the app's own auth route. */
function signInFrom(origin: string) {
  return POST(
    new Request(`${origin}/api/auth/sign-in/email`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        origin,
        // What Chromium sends with a same-origin fetch; better-auth checks the origin when it sees them.
        "sec-fetch-site": "same-origin",
        "sec-fetch-mode": "cors",
        "sec-fetch-dest": "empty",
      },
      body: JSON.stringify({ email: user.email, password: user.password }),
    }),
  );
}

describe("signing in from the app's other names", () => {
  it.each(["http://localhost:3000", "http://127.0.0.1:3000", "http://[::1]:3000"])(
    "accepts a page opened at %s when APP_URL is http://localhost:3000",
    async (origin) => {
      const response = await signInFrom(origin);
      expect(response.status).toBe(200);
      expect(response.headers.getSetCookie().some((c) => c.startsWith("better-auth.session_token="))).toBe(true);
    },
  );

  it.each(["http://192.0.2.2:3000", "http://localhost:3001", "https://localhost:3000", "http://evil.example"])(
    "refuses %s",
    async (origin) => {
      const response = await signInFrom(origin);
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({ code: "INVALID_ORIGIN" });
    },
  );

  it("keeps answering session reads (GET) from any page", async () => {
    const response = await GET(new Request("http://127.0.0.1:3000/api/auth/get-session"));
    expect(response.status).toBe(200);
  });
});

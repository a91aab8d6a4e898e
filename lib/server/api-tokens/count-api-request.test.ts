import { describe, expect, it } from "vitest";
import { createTestUser } from "@/tests/fixtures/users";
import { setupTestDatabase } from "@/tests/setup/test-database";

await setupTestDatabase();
const { createApiToken } = await import("./create-api-token");
const { countApiRequest } = await import("./count-api-request");

describe("countApiRequest", () => {
  it("allows `limitPerMinute` requests per fixed minute, then says when the window ends", async () => {
    const user = await createTestUser("annotator");
    const { id } = await createApiToken({
      owner: { id: user.id, role: "annotator" },
      name: "rate",
      scope: "read",
      expiresAt: null,
      projectIds: [],
    });
    const at = (iso: string) => countApiRequest({ tokenId: id, limitPerMinute: 3, now: new Date(iso) });
    expect(await at("2026-12-01T10:00:05Z")).toEqual({ allowed: true });
    expect(await at("2026-12-01T10:00:10Z")).toEqual({ allowed: true });
    expect(await at("2026-12-01T10:00:20Z")).toEqual({ allowed: true });
    expect(await at("2026-12-01T10:00:45.5Z")).toEqual({ allowed: false, retryAfterSeconds: 15 });
    // A request stamped in an earlier window (a process whose clock lags) counts in the current one.
    expect(await at("2026-12-01T09:59:59Z")).toEqual({ allowed: false, retryAfterSeconds: 1 });
    // The next minute starts afresh.
    expect(await at("2026-12-01T10:01:00Z")).toEqual({ allowed: true });
  });
});

import { beforeAll, describe, expect, it } from "vitest";
import { createTestUser, type TestUser } from "@/tests/fixtures/users";
import { setupTestDatabase } from "@/tests/setup/test-database";

await setupTestDatabase();
const { getPrisma } = await import("@/lib/server/db/prisma");
const { NotFoundError } = await import("@/lib/server/errors");
const { createApiToken } = await import("./create-api-token");
const { listApiTokens } = await import("./list-api-tokens");
const { revokeApiToken } = await import("./revoke-api-token");
const { authenticateApiToken, bearerSecret, LAST_USED_RESOLUTION_MS } = await import("./authenticate-api-token");
const { requireTokenProjectAccess } = await import("./token-project-access");
const { setUserDisabled } = await import("@/lib/server/users/set-user-disabled");

let admin: TestUser;
let annotator: TestUser;
let own: { id: string };
let other: { id: string };

beforeAll(async () => {
  admin = await createTestUser("admin");
  annotator = await createTestUser("annotator");
  const prisma = getPrisma();
  own = await prisma.project.create({ data: { name: `own ${Date.now()}` } });
  other = await prisma.project.create({ data: { name: `other ${Date.now()}` } });
  await prisma.projectMember.create({ data: { projectId: own.id, userId: annotator.id } });
});

const viewer = (user: TestUser) => ({ id: user.id, role: user.role });
const create = (user: TestUser, extra: Partial<Parameters<typeof createApiToken>[0]> = {}) =>
  createApiToken({ owner: viewer(user), name: "ci", scope: "read", expiresAt: null, projectIds: [], ...extra });

describe("createApiToken", () => {
  it("returns an evs_ secret once and stores only its sha-256 and a short prefix", async () => {
    const token = await create(annotator);
    expect(token.secret).toMatch(/^evs_[A-Za-z0-9_-]{43}$/);
    const row = await getPrisma().apiToken.findUniqueOrThrow({ where: { id: token.id } });
    expect(JSON.stringify(row)).not.toContain(token.secret.slice(4));
    expect(row.secretHash).toMatch(/^[0-9a-f]{64}$/);
    expect(token.secret.startsWith(row.prefix)).toBe(true);
    expect(row.prefix.length).toBeLessThan(12);
    const audit = await getPrisma().auditEvent.findFirst({ where: { targetId: token.id } });
    expect(audit).toMatchObject({ action: "api_token.create", actorId: annotator.id });
  });

  it("refuses to limit a token to a project its owner cannot reach", async () => {
    await expect(create(annotator, { projectIds: [other.id] })).rejects.toThrow(NotFoundError);
    const limited = await create(annotator, { projectIds: [own.id, own.id] });
    const row = await getPrisma().apiToken.findUniqueOrThrow({ where: { id: limited.id } });
    expect(row.projectIds).toEqual([own.id]);
  });
});

describe("authenticateApiToken", () => {
  it("lets a live token act as its owner, with its scope and project limit", async () => {
    const token = await create(annotator, { scope: "write", projectIds: [own.id] });
    const result = await authenticateApiToken({ secret: token.secret });
    expect(result).toMatchObject({
      ok: true,
      user: { id: annotator.id, role: "annotator" },
      token: { id: token.id, scope: "write", projectIds: [own.id] },
    });
  });

  it("refuses a missing, malformed, unknown, revoked and expired token", async () => {
    expect(await authenticateApiToken({ secret: null })).toEqual({ ok: false, reason: "missing" });
    expect(await authenticateApiToken({ secret: "evs_short" })).toEqual({ ok: false, reason: "unknown" });
    const live = await create(annotator);
    const unknown = `evs_${"A".repeat(43)}`;
    expect(await authenticateApiToken({ secret: unknown })).toEqual({ ok: false, reason: "unknown" });
    await revokeApiToken({ tokenId: live.id, actor: viewer(annotator) });
    expect(await authenticateApiToken({ secret: live.secret })).toEqual({ ok: false, reason: "revoked" });

    const expiring = await create(annotator, { expiresAt: new Date(Date.now() + 60_000) });
    expect((await authenticateApiToken({ secret: expiring.secret })).ok).toBe(true);
    const later = new Date(Date.now() + 61_000);
    expect(await authenticateApiToken({ secret: expiring.secret, now: later })).toEqual({
      ok: false,
      reason: "expired",
    });
  });

  it("refuses every token of a disabled user at once, and takes them back when enabled again", async () => {
    const user = await createTestUser("annotator");
    const token = await create(user);
    expect((await authenticateApiToken({ secret: token.secret })).ok).toBe(true);
    await setUserDisabled({ userId: user.id, disabled: true, actorId: admin.id });
    expect(await authenticateApiToken({ secret: token.secret })).toEqual({ ok: false, reason: "disabled" });
    await setUserDisabled({ userId: user.id, disabled: false, actorId: admin.id });
    expect((await authenticateApiToken({ secret: token.secret })).ok).toBe(true);
  });

  it("writes last_used_at at most once a minute per token", async () => {
    const token = await create(annotator);
    const lastUsed = async () =>
      (await getPrisma().apiToken.findUniqueOrThrow({ where: { id: token.id } })).lastUsedAt?.getTime();
    expect(await lastUsed()).toBeUndefined();
    const t0 = new Date(Date.now() + 1_000);
    await authenticateApiToken({ secret: token.secret, now: t0 });
    expect(await lastUsed()).toBe(t0.getTime());
    await authenticateApiToken({ secret: token.secret, now: new Date(t0.getTime() + LAST_USED_RESOLUTION_MS - 1) });
    expect(await lastUsed()).toBe(t0.getTime());
    const t1 = new Date(t0.getTime() + LAST_USED_RESOLUTION_MS);
    await authenticateApiToken({ secret: token.secret, now: t1 });
    expect(await lastUsed()).toBe(t1.getTime());
  });

  it("reads the secret of a Bearer header only", () => {
    expect(bearerSecret("Bearer evs_abc")).toBe("evs_abc");
    expect(bearerSecret("bearer  evs_abc ")).toBe("evs_abc");
    expect(bearerSecret("Basic evs_abc")).toBeNull();
    expect(bearerSecret(null)).toBeNull();
  });
});

describe("revokeApiToken and listApiTokens", () => {
  it("lets the owner and an admin revoke, and answers anybody else as if the token did not exist", async () => {
    const stranger = await createTestUser("annotator");
    const token = await create(annotator);
    await expect(revokeApiToken({ tokenId: token.id, actor: viewer(stranger) })).rejects.toThrow(NotFoundError);
    await revokeApiToken({ tokenId: token.id, actor: viewer(admin) });
    const row = await getPrisma().apiToken.findUniqueOrThrow({ where: { id: token.id } });
    expect(row).toMatchObject({ revokedById: admin.id, revokedAt: expect.any(Date) });
    const audit = await getPrisma().auditEvent.findMany({ where: { targetId: token.id, action: "api_token.revoke" } });
    expect(audit).toHaveLength(1);
    // Once more changes nothing and records nothing.
    await revokeApiToken({ tokenId: token.id, actor: viewer(annotator) });
    expect(await getPrisma().auditEvent.count({ where: { targetId: token.id, action: "api_token.revoke" } })).toBe(1);
  });

  it("lists a user's own tokens with project names, and every token for an admin", async () => {
    const user = await createTestUser("annotator");
    await getPrisma().projectMember.create({ data: { projectId: own.id, userId: user.id } });
    const a = await create(user, { name: "first" });
    const b = await create(user, { name: "second", projectIds: [own.id] });
    const mine = await listApiTokens({ userId: user.id });
    expect(mine.map((t) => t.id)).toEqual([b.id, a.id]);
    expect(mine[0]!.projects).toEqual([{ id: own.id, name: expect.stringMatching(/^own /) }]);
    expect(JSON.stringify(mine)).not.toContain(a.secret);
    const all = await listApiTokens({ userId: null });
    expect(all.map((t) => t.id)).toEqual(expect.arrayContaining([a.id, b.id]));
    expect(new Set(all.map((t) => t.owner.id)).size).toBeGreaterThan(1);
  });
});

describe("requireTokenProjectAccess", () => {
  it("needs both the token's limit and its owner's access", async () => {
    const unlimited = { projectIds: [] };
    await expect(
      requireTokenProjectAccess({ viewer: viewer(annotator), token: unlimited, projectId: own.id }),
    ).resolves.toBeUndefined();
    // The owner is no member of `other`: no token of theirs reaches it, limited or not.
    await expect(
      requireTokenProjectAccess({ viewer: viewer(annotator), token: unlimited, projectId: other.id }),
    ).rejects.toThrow(NotFoundError);
    await expect(
      requireTokenProjectAccess({ viewer: viewer(annotator), token: { projectIds: [other.id] }, projectId: other.id }),
    ).rejects.toThrow(NotFoundError);
    // An admin's token limited to one project reaches only that one.
    const limited = { projectIds: [own.id] };
    await expect(
      requireTokenProjectAccess({ viewer: viewer(admin), token: limited, projectId: own.id }),
    ).resolves.toBeUndefined();
    await expect(
      requireTokenProjectAccess({ viewer: viewer(admin), token: limited, projectId: other.id }),
    ).rejects.toThrow(NotFoundError);
  });
});

import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { createTestUser, signInCookie, type TestUser } from "@/tests/fixtures/users";
import { setupTestDatabase } from "@/tests/setup/test-database";

await setupTestDatabase();
const { getPrisma } = await import("@/lib/server/db/prisma");
const { getAuth } = await import("@/lib/server/auth/auth");
const { UserFacingError } = await import("@/lib/server/errors");
const { ensureAdmin } = await import("./ensure-admin");
const { createAnnotator } = await import("./create-annotator");
const { setUserDisabled } = await import("./set-user-disabled");
const { listUsers } = await import("./list-users");

const signIn = (email: string, password: string) => getAuth().api.signInEmail({ body: { email, password } });
const uniqueEmail = (label: string) => `${label}-${randomBytes(4).toString("hex")}@example.com`;
const adminCount = () => getPrisma().user.count({ where: { role: "admin" } });
// ensureAdmin only acts on a database without admins; start each case from one.
const removeAdmins = () => getPrisma().user.deleteMany({ where: { role: "admin" } });

describe("ensureAdmin", () => {
  it("creates one admin from the given email and password, then does nothing", async () => {
    await removeAdmins();
    const logs: string[] = [];
    const password = `given-${randomBytes(6).toString("hex")}`;
    const first = await ensureAdmin({ email: "  boss@example.com ", password, log: (m) => logs.push(m) });
    expect(first).toEqual({ created: true, email: "boss@example.com" });
    const admins = await getPrisma().user.findMany({ where: { role: "admin" } });
    expect(admins.map((a) => a.email)).toEqual(["boss@example.com"]);
    expect(logs).toHaveLength(1);
    expect(logs[0]).toContain("boss@example.com");
    expect(logs[0]).not.toContain(password);
    expect((await signIn("boss@example.com", password)).user.email).toBe("boss@example.com");

    const second = await ensureAdmin({
      email: "other@example.com",
      password: "another-password",
      log: (m) => logs.push(m),
    });
    expect(second).toEqual({ created: false });
    expect(await adminCount()).toBe(1);
    expect(await getPrisma().user.count({ where: { email: "other@example.com" } })).toBe(0);
    expect(logs).toHaveLength(1);
  });

  it("generates a password, prints it once, and that password signs in", async () => {
    await removeAdmins();
    await createTestUser("annotator"); // annotators do not count as admins
    const logs: string[] = [];
    const result = await ensureAdmin({ log: (m) => logs.push(m) });
    expect(result).toEqual({ created: true, email: "admin@example.com" });
    expect(await adminCount()).toBe(1);
    expect(logs).toHaveLength(1);
    const password = /password:\s+(\S+)/.exec(logs[0])?.[1];
    expect(password).toBeDefined();
    expect(password!.length).toBeGreaterThanOrEqual(16);
    expect(logs[0].split(password!)).toHaveLength(2);
    expect((await signIn("admin@example.com", password!)).user.email).toBe("admin@example.com");
    await expect(signIn("admin@example.com", `${password}x`)).rejects.toThrow();
    const stored = await getPrisma().user.findUniqueOrThrow({ where: { email: "admin@example.com" } });
    expect(stored.role).toBe("admin");

    expect(await ensureAdmin({ log: (m) => logs.push(m) })).toEqual({ created: false });
    expect(logs).toHaveLength(1);
  });

  it("generates a different password each time it creates an admin", async () => {
    const passwords: string[] = [];
    for (let i = 0; i < 2; i++) {
      await removeAdmins();
      await ensureAdmin({ email: uniqueEmail("gen"), log: (m) => passwords.push(/password:\s+(\S+)/.exec(m)![1]) });
    }
    expect(new Set(passwords).size).toBe(2);
  });
});

describe("createAnnotator", () => {
  let admin: TestUser;
  beforeAll(async () => {
    admin = await createTestUser("admin");
  });

  it("creates an annotator who can sign in, and records who created it", async () => {
    const email = uniqueEmail("anno");
    const created = await createAnnotator({
      email,
      name: "Ann Otator",
      password: "annotator-password",
      actorId: admin.id,
    });
    const stored = await getPrisma().user.findUniqueOrThrow({ where: { id: created.id } });
    expect(stored).toMatchObject({ email, name: "Ann Otator", role: "annotator", banned: false });
    expect((await signIn(email, "annotator-password")).user.id).toBe(created.id);
    const event = await getPrisma().auditEvent.findFirst({ where: { action: "user.create", targetId: created.id } });
    expect(event).toMatchObject({ actorId: admin.id, targetType: "user", data: { email, role: "annotator" } });
    expect((await listUsers()).find((u) => u.id === created.id)).toMatchObject({ role: "annotator", disabled: false });
  });

  it("refuses an email that already has an account, creating nothing", async () => {
    const email = uniqueEmail("dup");
    await createAnnotator({ email, name: "First", password: "first-password", actorId: admin.id });
    const auditBefore = await getPrisma().auditEvent.count();
    const attempt = createAnnotator({ email, name: "Second", password: "second-password", actorId: admin.id });
    await expect(attempt).rejects.toBeInstanceOf(UserFacingError);
    await expect(attempt).rejects.toThrow(`An account for ${email} already exists.`);
    const upper = createAnnotator({
      email: email.toUpperCase(),
      name: "Third",
      password: "third-password",
      actorId: admin.id,
    });
    await expect(upper).rejects.toBeInstanceOf(UserFacingError);
    expect(await getPrisma().user.count({ where: { email: { equals: email, mode: "insensitive" } } })).toBe(1);
    expect(await getPrisma().auditEvent.count()).toBe(auditBefore);
  });
});

describe("setUserDisabled", () => {
  let admin: TestUser;
  let adminCookie: string;
  beforeAll(async () => {
    admin = await createTestUser("admin");
    adminCookie = await signInCookie(admin);
  });
  const sessions = (userId: string) => getPrisma().session.count({ where: { userId } });
  const sessionFor = (cookie: string) => getAuth().api.getSession({ headers: new Headers({ cookie }) });

  it("bans the user, signs them out everywhere, and keeps other users signed in", async () => {
    const user = await createTestUser("annotator");
    const cookie = await signInCookie(user);
    await signInCookie(user);
    expect(await sessions(user.id)).toBe(2);
    expect(await sessionFor(cookie)).not.toBeNull();

    expect(await setUserDisabled({ userId: user.id, disabled: true, actorId: admin.id })).toEqual({
      id: user.id,
      disabled: true,
    });
    expect(await getPrisma().user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({
      banned: true,
      banReason: "Disabled by an admin",
    });
    expect(await sessions(user.id)).toBe(0);
    expect(await sessionFor(cookie)).toBeNull();
    await expect(signIn(user.email, user.password)).rejects.toThrow(/disabled/);
    expect(await sessions(admin.id)).toBe(1);
    expect(await sessionFor(adminCookie)).not.toBeNull();
    expect((await listUsers()).find((u) => u.id === user.id)?.disabled).toBe(true);

    const event = await getPrisma().auditEvent.findFirst({ where: { action: "user.disable", targetId: user.id } });
    expect(event).toMatchObject({ actorId: admin.id, targetType: "user", data: { email: user.email } });
  });

  it("enables a disabled user again", async () => {
    const user = await createTestUser("annotator");
    await setUserDisabled({ userId: user.id, disabled: true, actorId: admin.id });
    expect(await setUserDisabled({ userId: user.id, disabled: false, actorId: admin.id })).toEqual({
      id: user.id,
      disabled: false,
    });
    expect(await getPrisma().user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({
      banned: false,
      banReason: null,
    });
    expect((await signIn(user.email, user.password)).user.id).toBe(user.id);
    const actions = await getPrisma().auditEvent.findMany({
      where: { targetId: user.id, targetType: "user" },
      orderBy: { id: "asc" },
    });
    expect(actions.map((e) => [e.action, e.actorId])).toEqual([
      ["user.disable", admin.id],
      ["user.enable", admin.id],
    ]);
  });

  it("refuses to disable your own account, changing nothing", async () => {
    const auditBefore = await getPrisma().auditEvent.count();
    const attempt = setUserDisabled({ userId: admin.id, disabled: true, actorId: admin.id });
    await expect(attempt).rejects.toBeInstanceOf(UserFacingError);
    await expect(attempt).rejects.toThrow("You cannot disable your own account.");
    expect((await getPrisma().user.findUniqueOrThrow({ where: { id: admin.id } })).banned).toBe(false);
    expect(await sessions(admin.id)).toBe(1);
    expect(await getPrisma().auditEvent.count()).toBe(auditBefore);
  });

  it("refuses an account that does not exist", async () => {
    const attempt = setUserDisabled({ userId: "no-such-user", disabled: true, actorId: admin.id });
    await expect(attempt).rejects.toBeInstanceOf(UserFacingError);
    await expect(attempt).rejects.toThrow("That account no longer exists.");
  });
});

import { randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { createTestUser, type TestUser } from "@/tests/fixtures/users";
import { setupTestDatabase } from "@/tests/setup/test-database";

await setupTestDatabase();
const { getPrisma } = await import("@/lib/server/db/prisma");
const { NotFoundError, InvalidInputError } = await import("@/lib/server/errors");
const { canAccessProject, requireProjectAccess } = await import("./project-access");
const { addProjectMember } = await import("./add-project-member");
const { removeProjectMember } = await import("./remove-project-member");
const { listProjectMembers } = await import("./list-project-members");
const { listProjects } = await import("./list-projects");

let admin: TestUser;
let member: TestUser;
let stranger: TestUser;
let projectA: string;
let projectB: string;

const newProject = async (label: string) =>
  (await getPrisma().project.create({ data: { name: `${label} ${randomUUID().slice(0, 8)}` } })).id;

beforeAll(async () => {
  [admin, member, stranger] = await Promise.all([
    createTestUser("admin"),
    createTestUser("annotator"),
    createTestUser("annotator"),
  ]);
  projectA = await newProject("A");
  projectB = await newProject("B");
  await addProjectMember({ projectId: projectA, userId: member.id, actorId: admin.id });
});

describe("project access", () => {
  it("lets an admin reach every existing project, and nothing that is not one", async () => {
    for (const projectId of [projectA, projectB])
      expect(await canAccessProject({ viewer: admin, projectId })).toBe(true);
    expect(await canAccessProject({ viewer: admin, projectId: randomUUID() })).toBe(false);
    expect(await canAccessProject({ viewer: admin, projectId: "not-a-uuid" })).toBe(false);
  });

  it("lets an annotator reach only the projects they are a member of", async () => {
    expect(await canAccessProject({ viewer: member, projectId: projectA })).toBe(true);
    expect(await canAccessProject({ viewer: member, projectId: projectB })).toBe(false);
    expect(await canAccessProject({ viewer: stranger, projectId: projectA })).toBe(false);
  });

  it("answers a project that is not yours exactly like one that does not exist", async () => {
    const notYours = await requireProjectAccess({ viewer: member, projectId: projectB }).catch((e: Error) => e);
    const missing = await requireProjectAccess({ viewer: member, projectId: randomUUID() }).catch((e: Error) => e);
    expect(notYours).toBeInstanceOf(NotFoundError);
    expect(missing).toBeInstanceOf(NotFoundError);
    expect((notYours as Error).message).toBe((missing as Error).message);
  });

  it("lists only a member's projects to an annotator, and all to an admin", async () => {
    const mine = (await listProjects({ viewer: member })).map((p) => p.id);
    expect(mine).toContain(projectA);
    expect(mine).not.toContain(projectB);
    expect((await listProjects({ viewer: stranger })).map((p) => p.id)).not.toContain(projectA);
    const all = (await listProjects({ viewer: admin })).map((p) => p.id);
    expect(all).toEqual(expect.arrayContaining([projectA, projectB]));
  });
});

describe("members", () => {
  it("adds an annotator once, with who added them, and records it", async () => {
    const projectId = await newProject("Add");
    expect(await addProjectMember({ projectId, userId: stranger.id, actorId: admin.id })).toEqual({ added: true });
    expect(await addProjectMember({ projectId, userId: stranger.id, actorId: admin.id })).toEqual({ added: false });
    const { members, others } = await listProjectMembers({ projectId });
    expect(members).toEqual([
      expect.objectContaining({ userId: stranger.id, email: stranger.email, addedBy: admin.email }),
    ]);
    expect(others.map((o) => o.userId)).toContain(member.id);
    expect(others.map((o) => o.userId)).not.toContain(stranger.id);
    const events = await getPrisma().auditEvent.findMany({
      where: { targetId: projectId, action: "project.member.add" },
    });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorId: admin.id, data: { userId: stranger.id } });
  });

  it("refuses to add an admin (they reach every project) or an unknown account", async () => {
    const projectId = await newProject("Refuse");
    await expect(addProjectMember({ projectId, userId: admin.id, actorId: admin.id })).rejects.toBeInstanceOf(
      InvalidInputError,
    );
    await expect(addProjectMember({ projectId, userId: "nobody", actorId: admin.id })).rejects.toBeInstanceOf(
      InvalidInputError,
    );
    expect(await getPrisma().projectMember.count({ where: { projectId } })).toBe(0);
  });

  it("takes access away at once when a member is removed, keeping their decisions", async () => {
    const projectId = await newProject("Remove");
    await addProjectMember({ projectId, userId: stranger.id, actorId: admin.id });
    const seed = randomUUID();
    await getPrisma().node.create({
      data: { id: seed, projectId, rootId: seed, instruction: "seed", contentHash: `h-${seed}` },
    });
    await getPrisma().review.create({ data: { nodeId: seed, reviewerId: stranger.id, decision: "accept" } });
    expect(await canAccessProject({ viewer: stranger, projectId })).toBe(true);
    expect(await removeProjectMember({ projectId, userId: stranger.id, actorId: admin.id })).toEqual({ removed: true });
    expect(await canAccessProject({ viewer: stranger, projectId })).toBe(false);
    expect(await getPrisma().review.count({ where: { nodeId: seed } })).toBe(1);
    expect(await removeProjectMember({ projectId, userId: stranger.id, actorId: admin.id })).toEqual({
      removed: false,
    });
    expect(
      await getPrisma().auditEvent.count({ where: { targetId: projectId, action: "project.member.remove" } }),
    ).toBe(1);
  });
});

describe("pages", () => {
  it("every page under /projects/[projectId] checks project access first", async () => {
    const root = path.resolve("app/(app)/projects/[projectId]");
    const pages = (await readdir(root, { recursive: true })).filter((f) => path.basename(f) === "page.tsx");
    expect(pages.length).toBeGreaterThan(10);
    for (const page of pages) {
      const source = await readFile(path.join(root, page), "utf8");
      expect(source, `${page} must call requireProjectPage(projectId…)`).toMatch(
        /await requireProjectPage\(projectId\b/,
      );
      expect(source, `${page} must not fall back to requirePageUser`).not.toMatch(/requirePageUser\(/);
    }
  });
});

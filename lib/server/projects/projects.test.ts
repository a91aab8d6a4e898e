import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { createTestUser, type TestUser } from "@/tests/fixtures/users";
import { setupTestDatabase } from "@/tests/setup/test-database";

await setupTestDatabase();
const { getPrisma } = await import("@/lib/server/db/prisma");
const { UserFacingError } = await import("@/lib/server/errors");
const { createProject } = await import("./create-project");
const { renameProject } = await import("./rename-project");
const { listProjects } = await import("./list-projects");
const { getProject } = await import("./get-project");

type HumanStatus = "unreviewed" | "accepted" | "rejected";

let admin: TestUser;
let n = 0;
const uniqueName = (label: string) => `${label} ${++n} ${randomUUID().slice(0, 8)}`;

beforeAll(async () => {
  admin = await createTestUser("admin");
});

/** A root node: rootId must reference an existing node, so it is its own root. */
async function insertSeed(projectId: string, humanStatus: HumanStatus = "unreviewed") {
  const id = randomUUID();
  await getPrisma().node.create({
    data: { id, projectId, rootId: id, instruction: `seed ${id}`, contentHash: `hash-${id}`, humanStatus },
  });
  return id;
}

async function insertEvolved(projectId: string, parentId: string, rootId: string, humanStatus: HumanStatus, round = 1) {
  const id = randomUUID();
  await getPrisma().node.create({
    data: {
      id,
      projectId,
      rootId,
      parentId,
      round,
      instruction: `evolved ${id}`,
      contentHash: `hash-${id}`,
      humanStatus,
    },
  });
  return id;
}

async function insertRun(projectId: string) {
  await getPrisma().run.create({ data: { projectId, templateVersion: "test-v1", config: {} } });
}

describe("createProject", () => {
  it("creates the project and records who created it", async () => {
    const name = uniqueName("Create");
    const project = await createProject({ name, description: "desc", actorId: admin.id });
    const stored = await getPrisma().project.findUniqueOrThrow({ where: { id: project.id } });
    expect(stored).toMatchObject({ name, description: "desc", createdById: admin.id });

    const events = await getPrisma().auditEvent.findMany({ where: { targetType: "project", targetId: project.id } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: "project.create", actorId: admin.id, data: { name } });
  });

  it("refuses a duplicate name with a clear message and writes no audit event", async () => {
    const name = uniqueName("Dup");
    await createProject({ name, actorId: admin.id });
    const auditBefore = await getPrisma().auditEvent.count();
    const attempt = createProject({ name, actorId: admin.id });
    await expect(attempt).rejects.toBeInstanceOf(UserFacingError);
    await expect(attempt).rejects.toThrow(`A project named "${name}" already exists.`);
    expect(await getPrisma().project.count({ where: { name } })).toBe(1);
    expect(await getPrisma().auditEvent.count()).toBe(auditBefore);
  });
});

describe("renameProject", () => {
  it("renames and records the old and new name", async () => {
    const from = uniqueName("Before");
    const to = uniqueName("After");
    const project = await createProject({ name: from, actorId: admin.id });
    const renamed = await renameProject({ projectId: project.id, name: to, actorId: admin.id });
    expect(renamed.name).toBe(to);
    expect((await getPrisma().project.findUniqueOrThrow({ where: { id: project.id } })).name).toBe(to);

    const event = await getPrisma().auditEvent.findFirst({ where: { action: "project.rename", targetId: project.id } });
    expect(event).toMatchObject({ actorId: admin.id, targetType: "project", data: { from, to } });
  });

  it("refuses a name another project has, leaving both unchanged", async () => {
    const taken = uniqueName("Taken");
    const mine = uniqueName("Mine");
    await createProject({ name: taken, actorId: admin.id });
    const project = await createProject({ name: mine, actorId: admin.id });
    const attempt = renameProject({ projectId: project.id, name: taken, actorId: admin.id });
    await expect(attempt).rejects.toBeInstanceOf(UserFacingError);
    await expect(attempt).rejects.toThrow(`A project named "${taken}" already exists.`);
    expect((await getPrisma().project.findUniqueOrThrow({ where: { id: project.id } })).name).toBe(mine);
    expect(await getPrisma().auditEvent.count({ where: { action: "project.rename", targetId: project.id } })).toBe(0);
  });

  it("refuses an unknown project id", async () => {
    const attempt = renameProject({ projectId: randomUUID(), name: uniqueName("Ghost"), actorId: admin.id });
    await expect(attempt).rejects.toBeInstanceOf(UserFacingError);
    await expect(attempt).rejects.toThrow("That project no longer exists.");
  });
});

describe("project counts", () => {
  let busyId: string;
  let quietId: string;

  beforeAll(async () => {
    busyId = (await createProject({ name: uniqueName("Busy"), actorId: admin.id })).id;
    quietId = (await createProject({ name: uniqueName("Quiet"), actorId: admin.id })).id;
    // Busy: 3 seeds; a tree of 4 evolved nodes (2 accepted, 1 rejected, 1 unreviewed); 2 runs.
    const [a, b] = [await insertSeed(busyId), await insertSeed(busyId)];
    await insertSeed(busyId);
    const a1 = await insertEvolved(busyId, a, a, "accepted");
    await insertEvolved(busyId, a1, a, "rejected", 2);
    await insertEvolved(busyId, b, b, "accepted");
    await insertEvolved(busyId, b, b, "unreviewed");
    await insertRun(busyId);
    await insertRun(busyId);
    // Quiet: 1 seed with 1 rejected child, 1 run; must not leak into Busy's counts.
    const q = await insertSeed(quietId);
    await insertEvolved(quietId, q, q, "rejected");
    await insertRun(quietId);
  });

  it("listProjects counts seeds, evolved nodes and runs per project, newest project first", async () => {
    const list = await listProjects({ viewer: admin });
    const busy = list.find((p) => p.id === busyId);
    const quiet = list.find((p) => p.id === quietId);
    expect(busy).toMatchObject({ seeds: 3, evolved: 4, runs: 2 });
    expect(quiet).toMatchObject({ seeds: 1, evolved: 1, runs: 1 });
    expect(list.findIndex((p) => p.id === quietId)).toBeLessThan(list.findIndex((p) => p.id === busyId));
  });

  it("listProjects shows zero counts for a project with nothing in it", async () => {
    const empty = await createProject({ name: uniqueName("Empty"), actorId: admin.id });
    const row = (await listProjects({ viewer: admin })).find((p) => p.id === empty.id);
    expect(row).toMatchObject({ name: empty.name, seeds: 0, evolved: 0, runs: 0 });
  });

  it("getProject counts seeds, evolved, accepted/rejected by human status, runs and imports", async () => {
    const detail = await getProject({ projectId: busyId });
    expect(detail?.counts).toEqual({ seeds: 3, evolved: 4, accepted: 2, rejected: 1, runs: 2, imports: 0 });
    const quiet = await getProject({ projectId: quietId });
    expect(quiet?.counts).toEqual({ seeds: 1, evolved: 1, accepted: 0, rejected: 1, runs: 1, imports: 0 });
  });

  it("getProject counts seed imports", async () => {
    await getPrisma().seedImport.create({
      data: {
        projectId: quietId,
        format: "jsonl",
        schema: "alpaca",
        rowsRead: 0,
        rowsImported: 0,
        duplicates: 0,
        skippedInvalid: 0,
      },
    });
    expect((await getProject({ projectId: quietId }))?.counts.imports).toBe(1);
  });
});

describe("getProject with an id that names no project", () => {
  it("returns null for an unknown uuid", async () => {
    expect(await getProject({ projectId: randomUUID() })).toBeNull();
  });

  it("returns null (not a database error) for a malformed id from the URL", async () => {
    expect(await getProject({ projectId: "not-a-uuid" })).toBeNull();
    expect(await getProject({ projectId: "" })).toBeNull();
  });
});

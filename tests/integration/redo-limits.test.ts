// New siblings are paid LLM calls: an admin's decision unless the project
// lets annotators redo, and then at most a quota each per 24 hours, counted
// so that parallel clicks cannot exceed it. Every run says who started it.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { addEvolvedNodes } from "@/tests/fixtures/evolved-nodes";
import { createProjectWithSeeds } from "@/tests/fixtures/projects";
import { actAs } from "@/tests/fixtures/request-context";
import { createTestUser, signInCookie, type TestUser } from "@/tests/fixtures/users";
import { setupTestDatabase } from "@/tests/setup/test-database";

vi.mock("next/headers", () => import("@/tests/fixtures/next-headers"));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));

await setupTestDatabase();
const { getPrisma } = await import("@/lib/server/db/prisma");
const { stopBoss } = await import("@/lib/server/jobs/boss");
const { redoNodeAction } = await import("@/lib/actions/review/redo-node");
const { setReviewLimitsAction } = await import("@/lib/actions/projects/set-review-limits");
const { getRedoAllowance } = await import("@/lib/server/runs/redo-allowance");
const { listRuns } = await import("@/lib/server/runs/list-runs");
const { getRunProgress } = await import("@/lib/server/runs/get-run-progress");
afterAll(() => stopBoss());

let admin: TestUser;
let annotator: TestUser;
let adminCookie: string;
let annotatorCookie: string;
let projectId: string;
let nodeId: string;

beforeAll(async () => {
  [admin, annotator] = await Promise.all([createTestUser("admin"), createTestUser("annotator")]);
  await getPrisma().user.update({ where: { id: annotator.id }, data: { name: "Ann Otator" } });
  [adminCookie, annotatorCookie] = await Promise.all([signInCookie(admin), signInCookie(annotator)]);
  projectId = (await createProjectWithSeeds({ count: 1, actorId: admin.id })).id;
  await getPrisma().projectMember.create({ data: { projectId, userId: annotator.id } });
  nodeId = (await addEvolvedNodes({ projectId, shape: { a: "seed" } })).a;
});

const redo = () => redoNodeAction({ projectId, nodeId, kind: "re-evolve", operation: "concretize" });
const redoRunsBy = (userId: string) =>
  getPrisma().run.count({ where: { projectId, createdById: userId, config: { path: ["redo"], not: "null" } } });

describe("who may start a new sibling", () => {
  it("by default only admins: an annotator is refused and no run is created", async () => {
    actAs(annotatorCookie);
    expect(await redo()).toEqual({
      ok: false,
      code: "FAILED",
      error: expect.stringContaining("Only admins start new siblings in this project"),
    });
    expect(await redoRunsBy(annotator.id)).toBe(0);
    expect(await getRedoAllowance({ projectId, viewer: annotator })).toMatchObject({ allowed: false });

    actAs(adminCookie);
    const result = await redo();
    expect(result).toMatchObject({ ok: true, data: { remaining: null } });
    expect(await redoRunsBy(admin.id)).toBe(1);
  });

  it("an admin allows annotators with a quota; the change is audited", async () => {
    actAs(annotatorCookie);
    const refused = await setReviewLimitsAction({
      projectId,
      annotatorRedo: true,
      annotatorRedoDailyQuota: 3,
      annotatorBulkLimit: 200,
    });
    expect(refused).toMatchObject({ ok: false, code: "FORBIDDEN" });

    actAs(adminCookie);
    const saved = await setReviewLimitsAction({
      projectId,
      annotatorRedo: true,
      annotatorRedoDailyQuota: 3,
      annotatorBulkLimit: 200,
    });
    expect(saved).toEqual({
      ok: true,
      data: { annotatorRedo: true, annotatorRedoDailyQuota: 3, annotatorBulkLimit: 200 },
    });
    const event = await getPrisma().auditEvent.findFirstOrThrow({
      where: { action: "project.review_limits", targetId: projectId },
    });
    expect(event).toMatchObject({
      actorId: admin.id,
      data: {
        before: { annotatorRedo: false, annotatorRedoDailyQuota: 20, annotatorBulkLimit: 200 },
        after: { annotatorRedo: true, annotatorRedoDailyQuota: 3, annotatorBulkLimit: 200 },
      },
    });
    expect(await getRedoAllowance({ projectId, viewer: annotator })).toMatchObject({
      allowed: true,
      quota: 3,
      remaining: 3,
    });
  });

  it("six parallel clicks by an annotator with a quota of 3 start exactly 3 runs, all credited to them", async () => {
    actAs(annotatorCookie);
    const results = await Promise.all(Array.from({ length: 6 }, () => redo()));
    const started = results.filter((r) => r.ok);
    const refused = results.filter((r) => !r.ok);
    expect(started).toHaveLength(3);
    expect(refused).toHaveLength(3);
    for (const r of refused) expect(r).toMatchObject({ code: "FAILED", error: expect.stringMatching(/quota of 3/) });
    expect(started.map((r) => (r.ok ? r.data.remaining : null)).sort()).toEqual([0, 1, 2]);
    expect(await redoRunsBy(annotator.id)).toBe(3);

    const allowance = await getRedoAllowance({ projectId, viewer: annotator });
    expect(allowance).toMatchObject({ allowed: true, quota: 3, remaining: 0 });
    // The oldest of the three leaves the rolling 24-hour window first.
    expect(allowance.allowed && allowance.quota !== null && allowance.nextAt!.getTime()).toBeGreaterThan(
      Date.now() + 23 * 3_600_000,
    );
    expect(await redo()).toMatchObject({ ok: false, error: expect.stringMatching(/quota of 3/) });

    const audit = await getPrisma().auditEvent.findMany({ where: { action: "node.re-evolve", actorId: annotator.id } });
    expect(audit).toHaveLength(3);
  });

  it("the quota counts the last 24 hours, and admins have none", async () => {
    // Age one of the annotator's runs past the window: one more is allowed, then none.
    const oldest = await getPrisma().run.findFirstOrThrow({
      where: { projectId, createdById: annotator.id },
      orderBy: { createdAt: "asc" },
    });
    await getPrisma().run.update({
      where: { id: oldest.id },
      data: { createdAt: new Date(Date.now() - 25 * 3_600_000) },
    });
    actAs(annotatorCookie);
    expect(await redo()).toMatchObject({ ok: true, data: { remaining: 0 } });
    expect(await redo()).toMatchObject({ ok: false });

    actAs(adminCookie);
    for (let i = 0; i < 4; i++) expect(await redo()).toMatchObject({ ok: true });
  });

  it("switching annotators off stops them at once", async () => {
    actAs(adminCookie);
    await setReviewLimitsAction({
      projectId,
      annotatorRedo: false,
      annotatorRedoDailyQuota: 50,
      annotatorBulkLimit: 200,
    });
    actAs(annotatorCookie);
    expect(await redo()).toMatchObject({ ok: false, error: expect.stringContaining("Only admins") });
  });

  it("the run list and the run page say who started each run", async () => {
    const runs = await listRuns({ projectId, limit: 100 });
    const byAnnotator = runs.filter((r) => r.startedBy === `Ann Otator (${annotator.email})`);
    expect(byAnnotator).toHaveLength(4);
    expect(runs.filter((r) => r.startedBy === `Test admin (${admin.email})`)).toHaveLength(5);
    const progress = await getRunProgress({ runId: byAnnotator[0].id, viewer: { role: "annotator" } });
    expect(progress.startedBy).toBe(`Ann Otator (${annotator.email})`);
  });
});

// Sweeping decisions are an admin's: an annotator's bulk accept or reject
// over more nodes than the project's annotator bulk limit is refused, counted
// on the server whatever count the client claims, for a filter, a subtree or
// a selection alike. Within the limit it works and stays undoable.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { z } from "zod";
import type { bulkScopeSchema } from "@/lib/validation/review";
import { addEvolvedNodes } from "@/tests/fixtures/evolved-nodes";
import { createProjectWithSeeds } from "@/tests/fixtures/projects";
import { actAs } from "@/tests/fixtures/request-context";
import { createTestUser, signInCookie, type TestUser } from "@/tests/fixtures/users";
import { setupTestDatabase } from "@/tests/setup/test-database";

vi.mock("next/headers", () => import("@/tests/fixtures/next-headers"));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));

await setupTestDatabase();
const { getPrisma } = await import("@/lib/server/db/prisma");
const { bulkDecideAction } = await import("@/lib/actions/review/bulk-decide");
const { countBulkScopeAction } = await import("@/lib/actions/review/count-bulk-scope");
const { undoBulkAction } = await import("@/lib/actions/review/undo-bulk");

let admin: TestUser;
let annotator: TestUser;
let adminCookie: string;
let annotatorCookie: string;

beforeAll(async () => {
  [admin, annotator] = await Promise.all([createTestUser("admin"), createTestUser("annotator")]);
  [adminCookie, annotatorCookie] = await Promise.all([signInCookie(admin), signInCookie(annotator)]);
});
afterAll(() => actAs(null));

/** seed → a → (a1, a2), seed → b, with an annotator bulk limit of 3. */
async function forest() {
  const projectId = (await createProjectWithSeeds({ count: 1, actorId: admin.id })).id;
  await getPrisma().project.update({ where: { id: projectId }, data: { annotatorBulkLimit: 3 } });
  await getPrisma().projectMember.create({ data: { projectId, userId: annotator.id } });
  const ids = await addEvolvedNodes({ projectId, shape: { a: "seed", a1: "a", a2: "a", b: "seed" } });
  return { projectId, ...ids };
}

type Scope = z.input<typeof bulkScopeSchema>;
const reviewsIn = (projectId: string) => getPrisma().review.count({ where: { node: { projectId } } });

async function bulk(cookie: string, projectId: string, scope: Scope, expectedCount: number) {
  actAs(cookie);
  return bulkDecideAction({ projectId, decision: "reject", scope, expectedCount });
}

describe("the annotator bulk limit", () => {
  it("refuses an annotator's filter over the limit, whatever count the client confirms; admins may", async () => {
    const f = await forest();
    const everything: Scope = { kind: "filter", filter: { status: "any" } }; // the 4 evolved nodes
    actAs(annotatorCookie);
    expect(await countBulkScopeAction({ projectId: f.projectId, scope: everything })).toEqual({
      ok: true,
      data: { count: 4, limit: 3 },
    });
    for (const claimed of [4, 3, 1]) {
      expect(await bulk(annotatorCookie, f.projectId, everything, claimed)).toEqual({
        ok: false,
        code: "FAILED",
        error:
          "4 nodes is more than annotators may decide at once in this project (3): narrow the scope, or ask an admin.",
      });
    }
    expect(await reviewsIn(f.projectId)).toBe(0);

    actAs(adminCookie);
    expect(await countBulkScopeAction({ projectId: f.projectId, scope: everything })).toEqual({
      ok: true,
      data: { count: 4, limit: null },
    });
    expect(await bulk(adminCookie, f.projectId, everything, 4)).toMatchObject({ ok: true, data: { count: 4 } });
  });

  it("lets an annotator decide a filter within the limit, and undo it", async () => {
    const f = await forest();
    const roundTwo: Scope = { kind: "filter", filter: { round: 2 } }; // a1, a2
    const done = await bulk(annotatorCookie, f.projectId, roundTwo, 2);
    expect(done).toMatchObject({ ok: true, data: { count: 2 } });
    actAs(annotatorCookie);
    const undone = await undoBulkAction({
      projectId: f.projectId,
      bulkActionId: done.ok ? done.data.bulkActionId : "",
    });
    expect(undone).toEqual({ ok: true, data: { count: 2 } });
    expect(await getPrisma().node.count({ where: { projectId: f.projectId, humanStatus: "rejected" } })).toBe(0);
  });

  it("counts a subtree on the server: a (3 nodes) is within the limit, the seed's (5) is not", async () => {
    const f = await forest();
    expect(await bulk(annotatorCookie, f.projectId, { kind: "subtree", nodeId: f.seed }, 3)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^5 nodes is more than annotators may decide at once/),
    });
    expect(await bulk(annotatorCookie, f.projectId, { kind: "subtree", nodeId: f.a }, 3)).toMatchObject({
      ok: true,
      data: { count: 3 },
    });
    expect(await bulk(adminCookie, f.projectId, { kind: "subtree", nodeId: f.seed }, 5)).toMatchObject({ ok: true });
  });

  it("holds a selection to the same limit", async () => {
    const f = await forest();
    const four: Scope = { kind: "selection", nodeIds: [f.a, f.a1, f.a2, f.b] };
    expect(await bulk(annotatorCookie, f.projectId, four, 4)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^4 nodes is more than/),
    });
    expect(await reviewsIn(f.projectId)).toBe(0);
    expect(await bulk(annotatorCookie, f.projectId, { kind: "selection", nodeIds: [f.a, f.b] }, 2)).toMatchObject({
      ok: true,
      data: { count: 2 },
    });
    expect(await bulk(adminCookie, f.projectId, four, 4)).toMatchObject({ ok: true, data: { count: 4 } });
  });
});

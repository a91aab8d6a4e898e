// Blind second reviews: until a person has decided a node, the node view
// (as the server builds it) holds no other reviewer's decision — no history
// entry, no name, no status made from them — while edits stay. After their
// own decision they see everything; an admin may choose to see it before.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { addEvolvedNodes } from "@/tests/fixtures/evolved-nodes";
import { createProjectWithSeeds } from "@/tests/fixtures/projects";
import { actAs } from "@/tests/fixtures/request-context";
import { createTestUser, signInCookie, type TestUser } from "@/tests/fixtures/users";
import { setupTestDatabase } from "@/tests/setup/test-database";

vi.mock("next/headers", () => import("@/tests/fixtures/next-headers"));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));

await setupTestDatabase();
const { getPrisma } = await import("@/lib/server/db/prisma");
const { decideNodeAction } = await import("@/lib/actions/review/decide-node");
const { editNodeAction } = await import("@/lib/actions/review/edit-node");
const { getCurrentUser } = await import("@/lib/server/auth/current-user");
const { getNodeDetail } = await import("@/lib/server/review/get-node-detail");
const { readRevealDecisions } = await import("@/lib/server/review/reveal-decisions");
const { REVEAL_DECISIONS_COOKIE } = await import("@/lib/review/blind-review");
const { GET: queuePage } = await import("@/app/api/projects/[projectId]/review-queue/route");

type Person = { user: TestUser; cookie: string };
let admin: Person;
let first: Person;
let second: Person;
let third: Person;
let projectId: string;

async function person(role: "admin" | "annotator"): Promise<Person> {
  const user = await createTestUser(role);
  return { user, cookie: await signInCookie(user) };
}

beforeAll(async () => {
  [admin, first, second, third] = await Promise.all([
    person("admin"),
    person("annotator"),
    person("annotator"),
    person("annotator"),
  ]);
  projectId = (await createProjectWithSeeds({ count: 1, actorId: admin.user.id })).id;
  await getPrisma().project.update({ where: { id: projectId }, data: { overlapShare: 1 } });
  for (const p of [first, second, third])
    await getPrisma().projectMember.create({ data: { projectId, userId: p.user.id } });
});

/** The node as a page builds it for this person, their reveal cookie read as the page reads it. */
async function viewAs(p: Person, nodeId: string, reveal = false) {
  actAs(reveal ? `${p.cookie}; ${REVEAL_DECISIONS_COOKIE}=1` : p.cookie);
  const user = (await getCurrentUser())!;
  return (await getNodeDetail({ projectId, nodeId, viewer: user, revealOthers: await readRevealDecisions(user) }))!;
}

async function decideAs(p: Person, nodeId: string, decision: "accept" | "reject") {
  const view = await viewAs(p, nodeId);
  const seen = [...view.reviews].reverse().find((r) => !r.revoked);
  actAs(p.cookie);
  const result = await decideNodeAction({
    projectId,
    nodeId,
    decision,
    seenReviewId: seen?.id ?? null,
    seenAt: view.blind.seenAt?.toISOString() ?? null,
  });
  if (!result.ok) throw new Error(result.error);
  return result.data;
}

describe("blind second reviews", () => {
  let nodeId: string;

  beforeAll(async () => {
    nodeId = (await addEvolvedNodes({ projectId, shape: { a: "seed" } })).a;
    await decideAs(first, nodeId, "accept");
    actAs(first.cookie);
    expect(await editNodeAction({ projectId, nodeId, field: "output", text: "A better answer." })).toMatchObject({
      ok: true,
    });
  });

  it("the second annotator sees no decision, name or status from the first, but sees the edit", async () => {
    const view = await viewAs(second, nodeId);
    expect(view.reviews).toEqual([]);
    expect(view.humanStatus).toBe("unreviewed");
    const { edits, ...rest } = view;
    expect(JSON.stringify(rest)).not.toContain(first.user.email);
    expect(view.output).toBe("A better answer.");
    expect(edits).toEqual([expect.objectContaining({ field: "output", editor: first.user.email })]);
    expect(view.blind).toMatchObject({ othersHidden: true, canReveal: false, revealed: false });
    // The stored status is the first annotator's word; only the view leaves it out.
    expect((await getPrisma().node.findUniqueOrThrow({ where: { id: nodeId } })).humanStatus).toBe("accepted");
  });

  it("an annotator cannot reveal them with the admin's cookie", async () => {
    const view = await viewAs(second, nodeId, true);
    expect(view.reviews).toEqual([]);
    expect(view.blind.othersHidden).toBe(true);
  });

  it("the first annotator, having decided, sees their decision and the status", async () => {
    const view = await viewAs(first, nodeId);
    expect(view.reviews.map((r) => [r.reviewer, r.decision])).toEqual([[first.user.email, "accept"]]);
    expect(view.humanStatus).toBe("accepted");
    expect(view.blind.othersHidden).toBe(false);
  });

  it("an admin sees them only with the switch on", async () => {
    const hidden = await viewAs(admin, nodeId);
    expect(hidden.reviews).toEqual([]);
    expect(hidden.humanStatus).toBe("unreviewed");
    expect(hidden.blind).toMatchObject({ othersHidden: true, canReveal: true, revealed: false });
    const shown = await viewAs(admin, nodeId, true);
    expect(shown.reviews.map((r) => [r.reviewer, r.decision])).toEqual([[first.user.email, "accept"]]);
    expect(shown.humanStatus).toBe("accepted");
    expect(shown.blind).toMatchObject({ othersHidden: false, revealed: true, seenAt: null });
  });

  it("once the second annotator decides, the history shows both, and they were not told of an earlier decision as news", async () => {
    const outcome = await decideAs(second, nodeId, "reject");
    expect(outcome.conflict).toBeNull();
    const view = await viewAs(second, nodeId);
    expect(view.reviews.map((r) => [r.reviewer, r.decision])).toEqual([
      [first.user.email, "accept"],
      [second.user.email, "reject"],
    ]);
    expect(view.humanStatus).toBe("rejected");
    expect(view.blind.othersHidden).toBe(false);
  });

  it("a decision made while a blind reviewer was looking is still reported to them", async () => {
    const other = (await addEvolvedNodes({ projectId, shape: { b: "seed" } })).b;
    const view = await viewAs(third, other);
    expect(view.blind.othersHidden).toBe(true);
    await new Promise((r) => setTimeout(r, 5));
    await decideAs(first, other, "accept");
    actAs(third.cookie);
    const result = await decideNodeAction({
      projectId,
      nodeId: other,
      decision: "reject",
      seenReviewId: null,
      seenAt: view.blind.seenAt!.toISOString(),
    });
    expect(result).toMatchObject({ ok: true, data: { conflict: { reviewer: first.user.email, decision: "accept" } } });
  });

  it("the review queue shows an annotator the status only of nodes they decided; admins see every status", async () => {
    const { c } = await addEvolvedNodes({ projectId, shape: { c: "seed" } });
    await decideAs(first, c, "accept");
    const statusIn = async (p: Person) => {
      actAs(p.cookie);
      // "Load more" after the seed, oldest first: every evolved node of the project.
      const seed = await getPrisma().node.findFirstOrThrow({ where: { projectId, parentId: null } });
      const response = await queuePage(
        new Request(`http://localhost/api/projects/${projectId}/review-queue?sort=oldest&seeds=1&after=${seed.id}`),
        { params: Promise.resolve({ projectId }) },
      );
      expect(response.status).toBe(200);
      const { items } = (await response.json()) as { items: { id: string; humanStatus: string }[] };
      return items.find((i) => i.id === c)!.humanStatus;
    };
    expect(await statusIn(second)).toBe("unreviewed");
    expect(await statusIn(first)).toBe("accepted");
    expect(await statusIn(admin)).toBe("accepted");
  });

  it("an annotator's status and disagreement filters select on the status as they see it", async () => {
    const { d } = await addEvolvedNodes({ projectId, shape: { d: "seed" } });
    await getPrisma().node.update({ where: { id: d }, data: { verdict: "passed" } });
    await decideAs(first, d, "reject");
    const seed = await getPrisma().node.findFirstOrThrow({ where: { projectId, parentId: null } });
    const idsIn = async (p: Person, query: string) => {
      actAs(p.cookie);
      const response = await queuePage(
        new Request(`http://localhost/api/projects/${projectId}/review-queue?sort=oldest&after=${seed.id}&${query}`),
        { params: Promise.resolve({ projectId }) },
      );
      expect(response.status).toBe(200);
      return ((await response.json()) as { items: { id: string }[] }).items.map((i) => i.id);
    };
    // Rejected by `first` only: to `third` it is unreviewed, under every filter.
    expect(await idsIn(third, "status=rejected")).not.toContain(d);
    expect(await idsIn(third, "disagreement=1")).not.toContain(d);
    expect(await idsIn(third, "status=unreviewed")).toContain(d);
    expect(await idsIn(first, "status=rejected")).toContain(d);
    expect(await idsIn(first, "disagreement=1")).toContain(d);
    expect(await idsIn(first, "status=unreviewed")).not.toContain(d);
    expect(await idsIn(admin, "status=rejected")).toContain(d);
    expect(await idsIn(admin, "status=unreviewed")).not.toContain(d);
    // Once `third` decides, they see the real status (and filter on it).
    await decideAs(third, d, "reject");
    expect(await idsIn(third, "status=rejected")).toContain(d);
  });

  it("an annotator filters by their own decisions only, never by another reviewer's", async () => {
    const { e } = await addEvolvedNodes({ projectId, shape: { e: "seed" } });
    await decideAs(first, e, "accept");
    const seed = await getPrisma().node.findFirstOrThrow({ where: { projectId, parentId: null } });
    const byReviewer = (p: Person, reviewerId: string) => {
      actAs(p.cookie);
      return queuePage(
        new Request(
          `http://localhost/api/projects/${projectId}/review-queue?sort=oldest&after=${seed.id}&reviewer=${reviewerId}`,
        ),
        { params: Promise.resolve({ projectId }) },
      );
    };
    const ids = async (response: Response) => ((await response.json()) as { items: { id: string }[] }).items;
    // Whose decisions `first` made is not third's to learn.
    const refused = await byReviewer(third, first.user.id);
    expect(refused.status).toBe(422);
    expect(await refused.json()).toMatchObject({ error: { message: "You can filter by your own decisions only." } });
    const own = await byReviewer(first, first.user.id);
    expect(own.status).toBe(200);
    expect((await ids(own)).map((i) => i.id)).toContain(e);
    const asAdmin = await byReviewer(admin, first.user.id);
    expect((await ids(asAdmin)).map((i) => i.id)).toContain(e);
  });
});

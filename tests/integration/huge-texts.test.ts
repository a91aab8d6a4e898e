// A project with a 1 MB seed (and a 1 MB evolved child): the lists, the tree
// and the queue carry a clipped preview of each text, the node view the start
// of a long text with its length, and the text route hands out the rest in
// chunks that rebuild the text exactly.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { actAs } from "@/tests/fixtures/request-context";
import { createTestUser, signInCookie, type TestUser } from "@/tests/fixtures/users";
import { setupTestDatabase } from "@/tests/setup/test-database";

vi.mock("next/headers", () => import("@/tests/fixtures/next-headers"));

await setupTestDatabase();
const { getPrisma } = await import("@/lib/server/db/prisma");
const { uuid7 } = await import("@/lib/server/db/uuid7");
const { listSeeds } = await import("@/lib/server/seeds/list-seeds");
const { getLineageTree } = await import("@/lib/server/review/get-lineage-tree");
const { firstReviewQueuePage } = await import("@/lib/server/review/list-review-queue");
const { getNodeDetail } = await import("@/lib/server/review/get-node-detail");
const { reviewQueueFilterSchema } = await import("@/lib/validation/review");
const { NODE_TEXT_HEAD, NODE_TEXT_LIMIT, PREVIEW_CHARS, TEXT_CHUNK_CHARS } = await import("@/lib/text/text-limits");
const { GET: queueRoute } = await import("@/app/api/projects/[projectId]/review-queue/route");
const { GET: textRoute } = await import("@/app/api/projects/[projectId]/nodes/[nodeId]/text/route");

const MB = 1_000_000;
/** A node id older than any the test makes, for the queue's "next page" cursor. */
const EARLY = "0196f0c4-0000-7000-8000-000000000000";
/** A 1 MB text whose every position is recognisable, with a non-ASCII character now and then. */
const hugeText = (tag: string) =>
  Array.from(
    { length: Math.ceil(MB / 9) },
    (_, i) => `${tag}${String(i).padStart(7, "0")}${i % 1000 === 0 ? "é" : " "}`,
  )
    .join("")
    .slice(0, MB);

let admin: TestUser;
let cookie: string;
let projectId: string;
let seedId: string;
let childId: string;
const seedText = hugeText("s");
const childText = hugeText("c");
const answer = hugeText("a");

beforeAll(async () => {
  admin = await createTestUser("admin");
  cookie = await signInCookie(admin);
  const prisma = getPrisma();
  projectId = (await prisma.project.create({ data: { name: `huge ${uuid7()}` } })).id;
  seedId = uuid7();
  childId = uuid7();
  await prisma.node.create({
    data: { id: seedId, projectId, rootId: seedId, instruction: seedText, output: answer, contentHash: seedId },
  });
  await prisma.node.create({
    data: {
      id: childId,
      projectId,
      rootId: seedId,
      parentId: seedId,
      round: 1,
      operation: "deepen",
      instruction: childText,
      output: answer,
      rawReply: childText,
      contentHash: childId,
    },
  });
});

const filter = (raw: Record<string, string> = {}) => reviewQueueFilterSchema.parse(raw);

describe("lists carry a clipped preview of a 1 MB text", () => {
  it("the project page's seed list, with the full length", async () => {
    const { items } = await listSeeds({ projectId });
    expect(items).toHaveLength(1);
    expect(items[0].instruction).toBe(seedText.slice(0, PREVIEW_CHARS));
    expect(items[0].instructionLength).toBe(MB);
    expect(items[0].output).toBe(answer.slice(0, PREVIEW_CHARS));
    expect(JSON.stringify(items).length).toBeLessThan(3 * PREVIEW_CHARS + 1_000);
  });

  it("the seed search, which still matches text past the preview", async () => {
    const { items } = await listSeeds({ projectId, query: "s0099999" });
    expect(items.map((s) => s.id)).toEqual([seedId]);
    expect(items[0].instruction.length).toBe(PREVIEW_CHARS);
  });

  it("the lineage tree", async () => {
    const tree = await getLineageTree({ projectId, rootId: seedId });
    expect(tree.map((n) => n.id)).toEqual([seedId, childId]);
    for (const node of tree) expect(node.preview.length).toBeLessThanOrEqual(PREVIEW_CHARS);
    expect(JSON.stringify(tree).length).toBeLessThan(2_000);
  });

  it("the review queue's first page, its search and its next page (the route)", async () => {
    for (const [f, matches] of [
      [filter({ status: "any", seeds: "1" }), 2],
      [filter({ q: "c0050000" }), 1],
    ] as const) {
      const page = await firstReviewQueuePage({ projectId, filter: f });
      expect(page.items).toHaveLength(matches);
      expect(JSON.stringify(page.items).length).toBeLessThan(2_000);
      expect(await page.total).toEqual({ count: matches, capped: false });
    }
    actAs(cookie);
    const response = await queueRoute(
      new Request(`http://localhost/api/projects/${projectId}/review-queue?status=any&sort=oldest&after=${EARLY}`),
      { params: Promise.resolve({ projectId }) },
    );
    expect(response.status).toBe(200);
    expect((await response.text()).length).toBeLessThan(2_000);
  });
});

describe("the node view", () => {
  it("gets the start of each long text and its length, never the whole", async () => {
    const node = (await getNodeDetail({ projectId, nodeId: childId, viewer: admin }))!;
    expect(node.instruction).toBe(childText.slice(0, NODE_TEXT_HEAD));
    expect(node.output).toBe(answer.slice(0, NODE_TEXT_HEAD));
    expect(node.rawReply).toBe(childText.slice(0, NODE_TEXT_HEAD));
    expect(node.parent?.instruction).toBe(seedText.slice(0, NODE_TEXT_HEAD));
    expect(node.lengths).toEqual({ instruction: MB, input: 0, output: MB, rawReply: MB, parentInstruction: MB });
    expect(JSON.stringify(node).length).toBeLessThan(5 * NODE_TEXT_HEAD);
  });

  it("gets texts up to the limit whole", async () => {
    const id = uuid7();
    const atLimit = seedText.slice(0, NODE_TEXT_LIMIT);
    await getPrisma().node.create({
      data: { id, projectId, rootId: id, instruction: "Short.", input: atLimit, contentHash: id },
    });
    const node = (await getNodeDetail({ projectId, nodeId: id, viewer: admin }))!;
    expect([node.instruction, node.input, node.output, node.parent]).toEqual(["Short.", atLimit, null, null]);
    expect(node.lengths).toMatchObject({
      instruction: 6,
      input: NODE_TEXT_LIMIT,
      output: null,
      parentInstruction: null,
    });
  });

  it("brings the rest in chunks that rebuild the text exactly", async () => {
    actAs(cookie);
    let text = childText.slice(0, NODE_TEXT_HEAD);
    let offset = NODE_TEXT_HEAD;
    let requests = 0;
    for (;;) {
      const response = await textRoute(
        new Request(
          `http://localhost/api/projects/${projectId}/nodes/${childId}/text?field=instruction&offset=${offset}`,
        ),
        { params: Promise.resolve({ projectId, nodeId: childId }) },
      );
      expect(response.status).toBe(200);
      const chunk = (await response.json()) as { text: string; end: number; length: number; done: boolean };
      requests++;
      expect(chunk.length).toBe(MB);
      expect(chunk.text.length).toBeLessThanOrEqual(TEXT_CHUNK_CHARS);
      text += chunk.text;
      offset = chunk.end;
      if (chunk.done) break;
    }
    expect(requests).toBe(Math.ceil((MB - NODE_TEXT_HEAD) / TEXT_CHUNK_CHARS));
    expect(text).toBe(childText);
  });

  it("refuses an unknown field and answers 404 for a node of another project", async () => {
    actAs(cookie);
    const ask = (node: string, query: string, project = projectId) =>
      textRoute(new Request(`http://localhost/api/projects/${project}/nodes/${node}/text?${query}`), {
        params: Promise.resolve({ projectId: project, nodeId: node }),
      });
    expect((await ask(childId, "field=metadata&offset=0")).status).toBe(400);
    expect((await ask(childId, "field=output&offset=-1")).status).toBe(400);
    const other = (await getPrisma().project.create({ data: { name: `other ${uuid7()}` } })).id;
    expect((await ask(childId, "field=output&offset=0", other)).status).toBe(404);
  });
});

// Names are not identities: nobody renames themself through better-auth's
// update-user endpoint (an annotator calling themself "Admin" would be
// credited so in exports); admins rename people on the Users page, audited;
// exports name reviewers by email with the display name beside.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { addEvolvedNodes } from "@/tests/fixtures/evolved-nodes";
import { createProjectWithSeeds } from "@/tests/fixtures/projects";
import { actAs } from "@/tests/fixtures/request-context";
import { createTestUser, signInCookie, type TestUser } from "@/tests/fixtures/users";
import { setupTestDatabase } from "@/tests/setup/test-database";

vi.mock("next/headers", () => import("@/tests/fixtures/next-headers"));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));

const APP_URL = "http://localhost:3000";
process.env.APP_URL = APP_URL;
await setupTestDatabase();
const { POST } = await import("@/app/api/auth/[...all]/route");
const { getPrisma } = await import("@/lib/server/db/prisma");
const { renameUserAction } = await import("@/lib/actions/users/rename-user");
const { decideNode } = await import("@/lib/server/review/decide-node");
const { readExportRecords } = await import("@/lib/server/export/read-export-records");
const { exportSelectionSchema } = await import("@/lib/validation/export");
const { encodeExport } = await import("@/lib/export/encode-export");
const { collect, fromArray } = await import("@/lib/export/testing/sample-records");

let admin: TestUser;
let annotator: TestUser;
let adminCookie: string;
let annotatorCookie: string;

beforeAll(async () => {
  [admin, annotator] = await Promise.all([createTestUser("admin"), createTestUser("annotator")]);
  [adminCookie, annotatorCookie] = await Promise.all([signInCookie(admin), signInCookie(annotator)]);
});

/** The browser's own request to better-auth: the signed-in person renames themself. */
function selfRename(cookie: string, name: string) {
  return POST(
    new Request(`${APP_URL}/api/auth/update-user`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: APP_URL, cookie },
      body: JSON.stringify({ name }),
    }),
  );
}

const nameOf = async (id: string) => (await getPrisma().user.findUniqueOrThrow({ where: { id } })).name;

describe("display names", () => {
  it("refuses a self-rename through the auth handler, for annotators and admins alike", async () => {
    for (const [user, cookie] of [
      [annotator, annotatorCookie],
      [admin, adminCookie],
    ] as const) {
      const before = await nameOf(user.id);
      const response = await selfRename(cookie, "Admin");
      expect(response.status).toBe(404);
      expect(await nameOf(user.id)).toBe(before);
    }
  });

  it("lets an admin rename a person on the Users page, recorded in the audit log; annotators may not", async () => {
    actAs(annotatorCookie);
    expect(await renameUserAction({ userId: annotator.id, name: "Admin" })).toMatchObject({
      ok: false,
      code: "FORBIDDEN",
    });
    expect(await nameOf(annotator.id)).toBe("Test annotator");

    actAs(adminCookie);
    expect(await renameUserAction({ userId: annotator.id, name: "  Ann Otator " })).toEqual({
      ok: true,
      data: { id: annotator.id, name: "Ann Otator", changed: true },
    });
    expect(await nameOf(annotator.id)).toBe("Ann Otator");
    const event = await getPrisma().auditEvent.findFirstOrThrow({
      where: { action: "user.rename", targetId: annotator.id },
    });
    expect(event).toMatchObject({
      actorId: admin.id,
      data: { email: annotator.email, from: "Test annotator", to: "Ann Otator" },
    });
    expect(await renameUserAction({ userId: annotator.id, name: "" })).toMatchObject({ ok: false, code: "INVALID" });
  });

  it("exports name reviewers by email, with their names beside: two people called the same stay apart", async () => {
    const twin = await createTestUser("annotator");
    await getPrisma().user.update({ where: { id: twin.id }, data: { name: "Ann Otator" } });
    const project = await createProjectWithSeeds({ count: 1, actorId: admin.id });
    const { a } = await addEvolvedNodes({ projectId: project.id, shape: { a: "seed" } });
    // Exports leave out nodes without an answer.
    await getPrisma().node.update({ where: { id: a }, data: { output: "An answer." } });
    for (const reviewer of [annotator, twin])
      await decideNode({
        projectId: project.id,
        nodeId: a,
        reviewer,
        decision: "accept",
        reasonTags: [],
        note: "",
        seenReviewId: null,
      });
    const records = [];
    for await (const r of readExportRecords({
      projectId: project.id,
      selection: exportSelectionSchema.parse({ status: "all", includeSeeds: false }),
    }))
      records.push(r);
    expect(records).toEqual([
      expect.objectContaining({
        id: a,
        reviewers: [annotator.email, twin.email],
        reviewerNames: ["Ann Otator", "Ann Otator"],
      }),
    ]);
    const csv = (await collect(encodeExport(fromArray(records), { format: "csv", lineage: true }))).toString("utf8");
    const [header, row] = csv.trimEnd().split("\r\n");
    expect(header.split(",")).toContain("reviewer_names");
    expect(row).toContain(`"${annotator.email}, ${twin.email}","Ann Otator, Ann Otator"`);
  });
});

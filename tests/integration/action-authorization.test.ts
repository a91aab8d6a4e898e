// Every server action is a public endpoint: signed-out callers and annotators
// calling admin actions must get a refusal (not a crash, not a side effect),
// and admins must get through. The table below must name every action.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createProjectWithSeeds } from "@/tests/fixtures/projects";
import { actAs } from "@/tests/fixtures/request-context";
import { simulatorRunOptions } from "@/tests/fixtures/run-options";
import { createTestUser, signInCookie, type TestUser } from "@/tests/fixtures/users";
import { withTemporaryDataDir } from "@/tests/fixtures/temporary-data-dir";
import { setupTestDatabase } from "@/tests/setup/test-database";
import { PAPER_TEXTS } from "@/lib/evolution/builtin-methods";
import { PAPER_V1_ID } from "@/lib/server/methods/method-ids";

vi.mock("next/headers", () => import("@/tests/fixtures/next-headers"));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));

await setupTestDatabase();
// Exports made by the cases below write their files here, not into the project's data folder.
await withTemporaryDataDir("authz");
const { getPrisma } = await import("@/lib/server/db/prisma");
const { stopBoss } = await import("@/lib/server/jobs/boss");
const { stopInProcessSimulator } = await import("@/lib/server/llm/endpoints");
afterAll(async () => {
  await stopBoss();
  await stopInProcessSimulator();
});

let admin: TestUser;
let annotator: TestUser;
let adminCookie: string;
let annotatorCookie: string;
/** An annotator of another project only. */
let outsiderCookie: string;
let projectId: string;
let seededProjectId: string;
let suffix = 0;
const unique = () => `${Date.now()}-${++suffix}`;

function seedForm(extra: Record<string, string> = {}) {
  const form = new FormData();
  form.set("projectId", projectId);
  form.set("text", `Write a haiku about ${unique()}\nExplain recursion to a child ${unique()}`);
  for (const [k, v] of Object.entries(extra)) form.set(k, v);
  return form;
}

type Case = {
  load: () => Promise<object>;
  role: "admin" | "any";
  input: () => Promise<unknown> | unknown;
  /** What an annotator of another project gets, when not "Unknown project." (a thing of another user). */
  outsiderError?: string;
};
const cases: Record<string, Case> = {
  createProjectAction: {
    load: () => import("@/lib/actions/projects/create-project"),
    role: "admin",
    input: () => ({ name: `project ${unique()}` }),
  },
  renameProjectAction: {
    load: () => import("@/lib/actions/projects/rename-project"),
    role: "admin",
    input: () => ({ projectId, name: `renamed ${unique()}` }),
  },
  createAnnotatorAction: {
    load: () => import("@/lib/actions/users/create-annotator"),
    role: "admin",
    input: () => ({ email: `new-${unique()}@example.com`, name: "New annotator", password: "long-enough-password" }),
  },
  renameUserAction: {
    load: () => import("@/lib/actions/users/rename-user"),
    role: "admin",
    input: async () => ({ userId: (await createTestUser("annotator")).id, name: `Renamed ${unique()}` }),
  },
  copyMethodAction: {
    load: () => import("@/lib/actions/methods/copy-method"),
    role: "admin",
    input: () => ({ fromVersionId: PAPER_V1_ID, name: `copy-${unique()}`, description: "" }),
  },
  saveMethodVersionAction: {
    load: () => import("@/lib/actions/methods/save-method-version"),
    role: "admin",
    input: async () => {
      const { copyMethod } = await import("@/lib/server/methods/copy-method");
      const copy = await copyMethod({
        fromVersionId: PAPER_V1_ID,
        name: `edit-${unique()}`,
        description: "",
        actorId: null,
      });
      return { methodId: copy.id, texts: PAPER_TEXTS, note: "authorization check" };
    },
  },
  suggestMethodRevisionAction: {
    load: () => import("@/lib/actions/methods/suggest-method-revision"),
    role: "admin",
    input: async () => {
      const { copyMethod } = await import("@/lib/server/methods/copy-method");
      const copy = await copyMethod({
        fromVersionId: PAPER_V1_ID,
        name: `refine-${unique()}`,
        description: "",
        actorId: null,
      });
      const { addMethodNode } = await import("@/tests/fixtures/method-failures");
      await addMethodNode({
        projectId: seededProjectId,
        methodVersionId: copy.versionId,
        operation: "deepen",
        rule: "no_information_gain",
      });
      return { methodVersionId: copy.versionId, endpoint: "simulator" };
    },
  },
  tryMethodAction: {
    load: () => import("@/lib/actions/methods/try-method"),
    role: "admin",
    input: () => ({ texts: PAPER_TEXTS, samples: [{ instruction: "Sort a list.", input: "" }], endpoint: "simulator" }),
  },
  addProjectMemberAction: {
    load: () => import("@/lib/actions/projects/add-project-member"),
    role: "admin",
    input: async () => ({ projectId, userId: (await createTestUser("annotator")).id }),
  },
  removeProjectMemberAction: {
    load: () => import("@/lib/actions/projects/remove-project-member"),
    role: "admin",
    input: async () => {
      const member = await createTestUser("annotator");
      await getPrisma().projectMember.create({ data: { projectId, userId: member.id } });
      return { projectId, userId: member.id };
    },
  },
  setReviewLimitsAction: {
    load: () => import("@/lib/actions/projects/set-review-limits"),
    role: "admin",
    // Keeps annotators allowed to redo (the redoNodeAction case relies on it), with room for every case.
    input: () => ({
      projectId: seededProjectId,
      annotatorRedo: true,
      annotatorRedoDailyQuota: 1_000,
      annotatorBulkLimit: 200,
    }),
  },
  createApiTokenAction: {
    load: () => import("@/lib/actions/api-tokens/create-api-token"),
    role: "any",
    // Limited to the project: an outsider may not name it.
    input: () => ({ name: `token ${unique()}`, scope: "read", expiresAt: null, projectIds: [projectId] }),
  },
  revokeApiTokenAction: {
    load: () => import("@/lib/actions/api-tokens/revoke-api-token"),
    role: "any",
    // The annotator's own token: they and admins may revoke it, anybody else is told it does not exist.
    input: async () => {
      const { createApiToken } = await import("@/lib/server/api-tokens/create-api-token");
      const owner = { id: annotator.id, role: annotator.role };
      const token = await createApiToken({ owner, name: "t", scope: "read", expiresAt: null, projectIds: [] });
      return { tokenId: token.id };
    },
    outsiderError: "Unknown token.",
  },
  setUserDisabledAction: {
    load: () => import("@/lib/actions/users/set-user-disabled"),
    role: "admin",
    input: async () => ({ userId: (await createTestUser("annotator")).id, disabled: true }),
  },
  previewSeedImportAction: {
    load: () => import("@/lib/actions/seeds/preview-seed-import"),
    role: "admin",
    input: () => seedForm(),
  },
  importSeedsAction: { load: () => import("@/lib/actions/seeds/import-seeds"), role: "admin", input: () => seedForm() },
  decideNodeAction: {
    load: () => import("@/lib/actions/review/decide-node"),
    role: "any",
    input: async () => ({
      projectId: seededProjectId,
      nodeId: (await getPrisma().node.findFirstOrThrow({ where: { projectId: seededProjectId } })).id,
      decision: "accept",
    }),
  },
  editNodeAction: {
    load: () => import("@/lib/actions/review/edit-node"),
    role: "any",
    input: async () => ({
      projectId: seededProjectId,
      nodeId: (await getPrisma().node.findFirstOrThrow({ where: { projectId: seededProjectId } })).id,
      field: "output",
      text: `edited ${unique()}`,
    }),
  },
  countBulkScopeAction: {
    load: () => import("@/lib/actions/review/count-bulk-scope"),
    role: "any",
    input: () => ({ projectId: seededProjectId, scope: { kind: "filter", filter: { status: "any" } } }),
  },
  bulkDecideAction: {
    load: () => import("@/lib/actions/review/bulk-decide"),
    role: "any",
    input: async () => {
      const node = await getPrisma().node.findFirstOrThrow({ where: { projectId: seededProjectId } });
      return {
        projectId: seededProjectId,
        decision: "accept",
        scope: { kind: "selection", nodeIds: [node.id] },
        expectedCount: 1,
      };
    },
  },
  undoBulkAction: {
    load: () => import("@/lib/actions/review/undo-bulk"),
    role: "any",
    input: async () => {
      // A bulk action of the annotator's own, so the annotator may undo it too.
      const { bulkDecide } = await import("@/lib/server/review/bulk-decide");
      const node = await getPrisma().node.findFirstOrThrow({ where: { projectId: seededProjectId } });
      const action = await bulkDecide({
        projectId: seededProjectId,
        actor: { id: annotator.id, role: "annotator" },
        decision: "accept",
        scope: { kind: "selection", nodeIds: [node.id] },
        expectedCount: 1,
      });
      return { projectId: seededProjectId, bulkActionId: action.bulkActionId };
    },
  },
  redoNodeAction: {
    load: () => import("@/lib/actions/review/redo-node"),
    role: "any",
    input: async () => {
      // An evolved node to redo: a child of one of the seeds (its run is gone, so the environment's settings apply).
      const seed = await getPrisma().node.findFirstOrThrow({ where: { projectId: seededProjectId, parentId: null } });
      const child = await getPrisma().node.create({
        data: {
          projectId: seededProjectId,
          rootId: seed.id,
          parentId: seed.id,
          round: 1,
          operation: "deepen",
          instruction: `child ${unique()}`,
          contentHash: unique(),
        },
      });
      return { projectId: seededProjectId, nodeId: child.id, kind: "re-evolve", operation: "concretize" };
    },
  },
  setReviewSettingsAction: {
    load: () => import("@/lib/actions/projects/set-review-settings"),
    role: "admin",
    input: () => ({ projectId: seededProjectId, statusRule: "admin_word", majorityK: 2 }),
  },
  setProjectBudgetAction: {
    load: () => import("@/lib/actions/projects/set-project-budget"),
    role: "admin",
    input: () => ({ projectId, maxTokens: 1_000_000, maxCostUsd: 12.5 }),
  },
  countExportAction: {
    load: () => import("@/lib/actions/export/count-export"),
    role: "admin",
    input: () => ({
      projectId: seededProjectId,
      selection: { status: "all" },
    }),
  },
  startExportAction: {
    load: () => import("@/lib/actions/export/start-export"),
    role: "admin",
    input: () => ({ projectId: seededProjectId, options: { status: "all", format: "alpaca" } }),
  },
  removeExportFilesAction: {
    load: () => import("@/lib/actions/export/remove-export-files"),
    role: "admin",
    input: async () => {
      // A finished export of its own each time, so every caller finds files to remove.
      const { createExport } = await import("@/lib/server/export/create-export");
      const { runExport } = await import("@/lib/server/export/run-export");
      const { exportOptionsSchema } = await import("@/lib/validation/export");
      const { exportId } = await createExport({
        projectId: seededProjectId,
        options: exportOptionsSchema.parse({ status: "all" }),
        actorId: admin.id,
        enqueue: false,
      });
      await runExport({ exportId });
      return { projectId: seededProjectId, exportId };
    },
  },
  retryExportAction: {
    load: () => import("@/lib/actions/export/retry-export"),
    role: "admin",
    // A failed export of its own each time (as the reaper leaves one), so every caller finds one to retry.
    input: async () => ({ projectId: seededProjectId, exportId: await failedExport() }),
  },
  removeExportAction: {
    load: () => import("@/lib/actions/export/remove-export"),
    role: "admin",
    input: async () => ({ projectId: seededProjectId, exportId: await failedExport() }),
  },
  createExportLinkAction: {
    load: () => import("@/lib/actions/export/create-export-link"),
    role: "admin",
    input: async () => ({ projectId: seededProjectId, exportId: await sharedExport(), days: 7 }),
  },
  listExportLinksAction: {
    load: () => import("@/lib/actions/export/list-export-links"),
    role: "admin",
    input: async () => ({ projectId: seededProjectId, exportId: await sharedExport() }),
  },
  revokeExportLinkAction: {
    load: () => import("@/lib/actions/export/revoke-export-link"),
    role: "admin",
    input: async () => {
      // A live link of its own each time, so every caller finds one to revoke.
      const { createExportLink } = await import("@/lib/server/export/create-export-link");
      const { link } = await createExportLink({
        projectId: seededProjectId,
        exportId: await sharedExport(),
        days: 1,
        actorId: admin.id,
      });
      return { projectId: seededProjectId, linkId: link.id };
    },
  },
  buildEvalSetAction: {
    load: () => import("@/lib/actions/eval-sets/build-eval-set"),
    role: "admin",
    input: async () => ({
      projectId: seededProjectId,
      name: `eval ${unique()}`,
      holdOut: false,
      sizes: { easy: 0, medium: 1, hard: 0 },
      seed: (await scoredNode()).slice(0, 8),
    }),
  },
  deleteEvalSetAction: {
    load: () => import("@/lib/actions/eval-sets/delete-eval-set"),
    role: "admin",
    input: async () => {
      // A set of its own each time, so every caller finds one to delete.
      await scoredNode();
      const { buildEvalSet } = await import("@/lib/server/eval-sets/build-eval-set");
      const built = await buildEvalSet({
        projectId: seededProjectId,
        name: `eval ${unique()}`,
        holdOut: false,
        sizes: { easy: 0, medium: 1, hard: 0 },
        seed: "",
        actorId: admin.id,
      });
      return { projectId: seededProjectId, evalSetId: built.evalSetId };
    },
  },
  retryFailedStepsAction: {
    load: () => import("@/lib/actions/runs/retry-failed-steps"),
    role: "admin",
    input: async () => {
      // A stalled run of its own each time: its one step failed on the worker.
      const { startRun } = await import("@/lib/server/runs/start-run");
      const { stallStep } = await import("@/lib/server/runs/complete-step");
      const run = await startRun({ ...simulatorRunOptions(seededProjectId, { rounds: 1 }), actorId: admin.id });
      const steps = await getPrisma().runStep.findMany({ where: { runId: run.id } });
      for (const step of steps) await stallStep({ step, reason: "test: the worker had no endpoint" });
      return { runId: run.id };
    },
  },
  startRunAction: {
    load: () => import("@/lib/actions/runs/start-run"),
    role: "admin",
    input: () => simulatorRunOptions(seededProjectId, { rounds: 1 }),
  },
  startComparisonAction: {
    load: () => import("@/lib/actions/comparisons/start-comparison"),
    role: "admin",
    input: () => {
      const { weights, ...shared } = simulatorRunOptions(seededProjectId, { rounds: 1, seedLimit: 2 });
      return { ...shared, a: { method: "paper", weights }, b: { method: "code", weights } };
    },
  },
  controlRunAction: {
    load: () => import("@/lib/actions/runs/control-run"),
    role: "admin",
    input: async () => {
      const { startRun } = await import("@/lib/server/runs/start-run");
      const run = await startRun({ ...simulatorRunOptions(seededProjectId, { rounds: 1 }), actorId: admin.id });
      return { runId: run.id, command: "cancel" };
    },
  },
};

let shared: Promise<string> | undefined;
/** One finished export the link cases share (links do not change it). */
function sharedExport(): Promise<string> {
  shared ??= (async () => {
    const { createExport } = await import("@/lib/server/export/create-export");
    const { runExport } = await import("@/lib/server/export/run-export");
    const { exportOptionsSchema } = await import("@/lib/validation/export");
    const { exportId } = await createExport({
      projectId: seededProjectId,
      options: exportOptionsSchema.parse({ status: "all" }),
      actorId: admin.id,
      enqueue: false,
    });
    await runExport({ exportId });
    return exportId;
  })();
  return shared;
}

/** An export that failed (as the reaper leaves one whose process died). */
/** An accepted, answered evolved node of medium difficulty: something an evaluation set can draw. */
async function scoredNode(): Promise<string> {
  const seed = await getPrisma().node.findFirstOrThrow({ where: { projectId: seededProjectId, parentId: null } });
  const node = await getPrisma().node.create({
    data: {
      projectId: seededProjectId,
      rootId: seed.id,
      parentId: seed.id,
      round: 1,
      operation: "deepen",
      instruction: `scored ${unique()}`,
      output: "An answer.",
      difficulty: 5,
      humanStatus: "accepted",
      contentHash: unique(),
    },
  });
  return node.id;
}

async function failedExport(): Promise<string> {
  const { createExport } = await import("@/lib/server/export/create-export");
  const { exportOptionsSchema } = await import("@/lib/validation/export");
  const { exportId } = await createExport({
    projectId: seededProjectId,
    options: exportOptionsSchema.parse({ status: "all" }),
    actorId: admin.id,
    enqueue: false,
  });
  await getPrisma().export.update({ where: { id: exportId }, data: { status: "failed", error: "test: died" } });
  return exportId;
}

type Action = (input: unknown) => Promise<{ ok: boolean; code?: string; error?: string }>;
async function loadAction(name: string): Promise<Action> {
  const mod = (await cases[name].load()) as Record<string, Action>;
  return mod[name];
}

async function auditCount() {
  return getPrisma().auditEvent.count();
}

/** Everything an action may write: a refused call must leave all of it as it was. */
async function sideEffects() {
  const prisma = getPrisma();
  const counts = await Promise.all([
    prisma.auditEvent.count(),
    prisma.review.count(),
    prisma.nodeEdit.count(),
    prisma.bulkAction.count(),
    prisma.run.count(),
    prisma.node.count(),
    prisma.export.count(),
    prisma.projectMember.count(),
    prisma.evalSet.count(),
    prisma.project.count(),
    prisma.exportLink.count({ where: { revokedAt: null } }),
  ]);
  return counts.join(",");
}

beforeAll(async () => {
  admin = await createTestUser("admin");
  annotator = await createTestUser("annotator");
  adminCookie = await signInCookie(admin);
  annotatorCookie = await signInCookie(annotator);
  projectId = (await getPrisma().project.create({ data: { name: `authz ${unique()}` } })).id;
  seededProjectId = (await createProjectWithSeeds({ count: 3, actorId: admin.id })).id;
  // The annotator works on both projects, and may redo nodes in the seeded one (off by default).
  const prisma = getPrisma();
  for (const id of [projectId, seededProjectId])
    await prisma.projectMember.create({ data: { projectId: id, userId: annotator.id } });
  await prisma.project.update({
    where: { id: seededProjectId },
    data: { annotatorRedo: true, annotatorRedoDailyQuota: 1_000 },
  });
  const outsider = await createTestUser("annotator");
  outsiderCookie = await signInCookie(outsider);
  const elsewhere = await prisma.project.create({ data: { name: `elsewhere ${unique()}` } });
  await prisma.projectMember.create({ data: { projectId: elsewhere.id, userId: outsider.id } });
});

describe("server action authorization", () => {
  it("covers every action file in lib/actions", async () => {
    const root = path.resolve("lib/actions");
    const found: string[] = [];
    for (const entry of await readdir(root, { recursive: true })) {
      if (!entry.endsWith(".ts") || entry.endsWith(".test.ts") || entry === "define-action.ts") continue;
      const source = await readFile(path.join(root, entry), "utf8");
      expect(source.startsWith('"use server";'), `${entry} must start with "use server"`).toBe(true);
      for (const match of source.matchAll(/export const (\w+Action)\b/g)) found.push(match[1]);
    }
    expect(found.sort()).toEqual(Object.keys(cases).sort());
  });

  describe.each(Object.keys(cases))("%s", (name) => {
    it("refuses a caller without a session, changing nothing", async () => {
      const action = await loadAction(name);
      const input = await cases[name].input();
      const before = await auditCount();
      actAs(null);
      const result = await action(input);
      expect(result).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
      expect(await auditCount()).toBe(before);
    });

    it("refuses a forged session cookie", async () => {
      const action = await loadAction(name);
      actAs("better-auth.session_token=forged.token");
      expect(await action(await cases[name].input())).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
    });

    it(
      cases[name].role === "admin" ? "refuses an annotator, changing nothing" : "lets an annotator through",
      async () => {
        const action = await loadAction(name);
        const input = await cases[name].input();
        const before = await auditCount();
        actAs(annotatorCookie);
        const result = await action(input);
        if (cases[name].role === "any") {
          expect(result, JSON.stringify(result)).toMatchObject({ ok: true });
          return;
        }
        expect(result).toMatchObject({ ok: false, code: "FORBIDDEN", error: "Only admins can do this." });
        expect(await auditCount()).toBe(before);
      },
    );

    it("refuses an annotator of another project, changing nothing", async () => {
      const action = await loadAction(name);
      const input = await cases[name].input();
      const before = await sideEffects();
      actAs(outsiderCookie);
      const result = await action(input);
      expect(result).toMatchObject(
        cases[name].role === "admin"
          ? { ok: false, code: "FORBIDDEN" }
          : { ok: false, code: "NOT_FOUND", error: cases[name].outsiderError ?? "Unknown project." },
      );
      expect(await sideEffects()).toBe(before);
    });

    it("lets an admin through", async () => {
      const action = await loadAction(name);
      actAs(adminCookie);
      const result = await action(await cases[name].input());
      expect(result, JSON.stringify(result)).toMatchObject({ ok: true });
    });
  });

  it("returns a validation error, not a crash, for bad input", async () => {
    actAs(adminCookie);
    const create = await loadAction("createProjectAction");
    expect(await create({ name: "   " })).toMatchObject({
      ok: false,
      code: "INVALID",
      error: "name: A project needs a name.",
    });
    const rename = await loadAction("renameProjectAction");
    expect(await rename({ projectId: "not-a-uuid", name: "x" })).toMatchObject({ ok: false, code: "INVALID" });
  });

  it("refuses a disabled account even with a session it had before", async () => {
    const user = await createTestUser("admin");
    const cookie = await signInCookie(user);
    await getPrisma().user.update({ where: { id: user.id }, data: { banned: true } });
    actAs(cookie);
    const create = await loadAction("createProjectAction");
    expect(await create({ name: `p ${unique()}` })).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
  });
});

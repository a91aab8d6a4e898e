// The runs endpoints of the REST API through their route handlers with real
// Requests, on a real Postgres, with runs executed by a real pg-boss worker
// against the simulator: start (the form's defaults, its refusals, the
// Idempotency-Key), list, progress, and the run page's buttons.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSimulator, type Simulator } from "@/lib/simulator/create-simulator";
import { apiToken, callApi, expectApiError, MISSING_ID } from "@/tests/fixtures/api-client";
import { createProjectWithSeeds } from "@/tests/fixtures/projects";
import { createTestUser, type TestUser } from "@/tests/fixtures/users";
import { setupTestDatabase } from "@/tests/setup/test-database";

process.env.API_RATE_LIMIT_PER_MINUTE = "100000";
process.env.LLM_CONCURRENCY = "8";
const { url } = await setupTestDatabase();
const { getPrisma } = await import("@/lib/server/db/prisma");
const { startStepWorker } = await import("@/lib/server/jobs/step-worker");
const { stopBoss } = await import("@/lib/server/jobs/boss");
const projectRuns = await import("@/app/api/v1/projects/[projectId]/runs/route");
const runRoute = await import("@/app/api/v1/runs/[runId]/route");
const commands = {
  pause: await import("@/app/api/v1/runs/[runId]/pause/route"),
  resume: await import("@/app/api/v1/runs/[runId]/resume/route"),
  cancel: await import("@/app/api/v1/runs/[runId]/cancel/route"),
  release: await import("@/app/api/v1/runs/[runId]/release/route"),
  retry: await import("@/app/api/v1/runs/[runId]/retry/route"),
};

type RunJson = { id: string; status: string; options: Record<string, unknown> } & Record<string, unknown>;
type Progress = {
  id: string;
  status: string;
  rounds: { total: number; current: number; done: number };
  steps: Record<string, number>;
  nodes: { made: number; passed: number; eliminated: number };
  llm: { calls: number; tokens: number; cost_usd: number | null };
  caps: { max_tokens: number | null; max_cost_usd: number | null; spent_tokens: number };
  stalled: { failed_steps: number; reasons: { reason: string; steps: number }[] } | null;
  finished_at: string | null;
};

let simulator: Simulator;
let worker: { stop(): Promise<void> };
let admin: TestUser;
let annotator: TestUser;
let project: { id: string };
let theirs: { id: string };
const secrets: Record<"adminRead" | "adminWrite" | "annotatorRead" | "annotatorWrite" | "limited", string> = {
  adminRead: "",
  adminWrite: "",
  annotatorRead: "",
  annotatorWrite: "",
  limited: "",
};

const MINIMAL = JSON.stringify({ rounds: 1, endpoint: "simulator", seedLimit: 20 });

const startRun = (secret: string, projectId: string, body: string, headers?: Record<string, string>) =>
  callApi(projectRuns.POST, {
    secret,
    path: `/projects/${projectId}/runs`,
    method: "POST",
    body,
    params: { projectId },
    headers,
  });
const listRuns = (secret: string, projectId: string, query = "") =>
  callApi(projectRuns.GET, { secret, path: `/projects/${projectId}/runs${query}`, params: { projectId } });
const getRun = (secret: string, runId: string) =>
  callApi(runRoute.GET, { secret, path: `/runs/${runId}`, params: { runId } });
const command = (name: keyof typeof commands, secret: string, runId: string, body?: string) =>
  callApi(commands[name].POST, { secret, path: `/runs/${runId}/${name}`, method: "POST", params: { runId }, body });

async function started(response: Response): Promise<RunJson> {
  expect(response.status, await response.clone().text()).toBe(201);
  return (await response.json()) as RunJson;
}

async function progressOf(response: Response): Promise<Progress> {
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()) as Progress;
}

/** Polls GET /api/v1/runs/{id} until its status is one of `statuses`. */
async function waitForStatus(runId: string, statuses: string[], timeoutMs = 60_000): Promise<Progress> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const progress = await progressOf(await getRun(secrets.adminRead, runId));
    if (statuses.includes(progress.status)) return progress;
    if (Date.now() > deadline) throw new Error(`run ${runId} still ${progress.status}: ${JSON.stringify(progress)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  simulator = await createSimulator({ latencyMs: 5, jitter: 0.5, seed: "api-runs-test" });
  process.env.SIMULATOR_URL = simulator.url;
  delete process.env.OPENAI_API_KEY;
  delete process.env.OPENAI_BASE_URL;
  admin = await createTestUser("admin");
  annotator = await createTestUser("annotator");
  project = await createProjectWithSeeds({ count: 25, actorId: admin.id });
  theirs = await createProjectWithSeeds({ count: 3, actorId: admin.id });
  const prisma = getPrisma();
  await prisma.projectMember.create({ data: { projectId: project.id, userId: annotator.id } });
  // The project's default cap, which a run started without caps gets (as the form prefills it).
  await prisma.project.update({ where: { id: project.id }, data: { defaultMaxTokens: 50_000_000 } });
  secrets.adminRead = (await apiToken(admin, "read")).secret;
  secrets.adminWrite = (await apiToken(admin, "write")).secret;
  secrets.annotatorRead = (await apiToken(annotator, "read")).secret;
  secrets.annotatorWrite = (await apiToken(annotator, "write")).secret;
  secrets.limited = (await apiToken(admin, "write", { projectIds: [theirs.id] })).secret;
  worker = await startStepWorker({ connectionString: url, concurrency: 8 });
});

afterAll(async () => {
  await worker?.stop();
  await stopBoss();
  await simulator?.close();
});

describe("POST /api/v1/projects/{id}/runs", () => {
  it("starts a run from the minimal body with the form's defaults, and GET follows it to completed", async () => {
    const run = await started(await startRun(secrets.adminWrite, project.id, MINIMAL));
    expect(run).toEqual({
      id: expect.any(String),
      project_id: project.id,
      name: "",
      status: "running",
      created_at: expect.any(String),
      started_at: expect.any(String),
      options: {
        rounds: 1,
        mode: "continuous",
        seed_query: "",
        seed_limit: 20,
        seed_count: 20,
        branching: 1,
        weights: expect.any(Object),
        rules: { no_information_gain: true, refusal: true, empty_answer: true, copied_prompt: true, duplicate: true },
        duplicate_threshold: expect.any(Number),
        score_difficulty: false,
        endpoint: "simulator",
        endpoint_label: "Simulator (not a real model)",
        batch: false,
        models: { evolve: "sim-evolver", answer: "sim-answerer", judge: "sim-judge", difficulty: "sim-judge" },
        max_tokens: 50_000_000,
        max_cost_usd: null,
        method: "paper",
        method_version: expect.any(Number),
      },
    });
    // Every operation drawn alike, as the form's weights of 1 each.
    const weights = Object.values(run.options.weights as Record<string, number>);
    expect(weights.length).toBeGreaterThan(1);
    expect(new Set(weights).size).toBe(1);

    const done = await waitForStatus(run.id, ["completed", "stalled", "failed"]);
    expect(done).toMatchObject({
      id: run.id,
      status: "completed",
      rounds: { total: 1, current: 1, done: 1 },
      steps: { expected: 20, failed: 0, pending: 0, running: 0 },
      caps: { max_tokens: 50_000_000, max_cost_usd: null },
      stalled: null,
      finished_at: expect.any(String),
    });
    expect(done.steps.done).toBe(20);
    expect(done.nodes.made).toBe(20);
    expect(done.nodes.passed + done.nodes.eliminated).toBe(20);
    expect(done.llm.calls).toBeGreaterThanOrEqual(40);
    expect(done.llm.tokens).toBeGreaterThan(0);
    expect(done.caps.spent_tokens).toBe(done.llm.tokens);

    const prisma = getPrisma();
    expect(await prisma.run.findUniqueOrThrow({ where: { id: run.id } })).toMatchObject({ createdById: admin.id });
    const audit = await prisma.auditEvent.findMany({ where: { actorId: admin.id }, orderBy: { id: "desc" }, take: 2 });
    expect(audit.map((a) => a.action).sort()).toEqual(["api.write", "run.start"]);
  }, 90_000);

  it("takes every option of the run form, and a null cap to start without the project's default", async () => {
    const body = {
      name: "api options",
      seedQuery: "photosynthesis",
      seedLimit: 2,
      rounds: 2,
      branching: 2,
      mode: "gated",
      weights: { add_constraints: 2, deepen: 0, concretize: 0, increase_reasoning: 0, complicate_input: 0, breadth: 1 },
      rules: { duplicate: false },
      duplicateThreshold: 0.9,
      scoreDifficulty: true,
      endpoint: "simulator",
      models: { judge: "sim-judge-2" },
      maxTokens: null,
      maxCostUsd: 5,
      method: "paper",
    };
    const run = await started(await startRun(secrets.adminWrite, project.id, JSON.stringify(body)));
    expect(run.options).toMatchObject({
      rounds: 2,
      mode: "gated",
      seed_query: "photosynthesis",
      seed_limit: 2,
      seed_count: 2,
      branching: 2,
      rules: { no_information_gain: true, duplicate: false },
      duplicate_threshold: 0.9,
      score_difficulty: true,
      models: { evolve: "sim-evolver", judge: "sim-judge-2" },
      max_tokens: null,
      max_cost_usd: 5,
      method: "paper",
    });
    expect(run.name).toBe("api options");
    const weights = run.options.weights as Record<string, number>;
    expect(weights.add_constraints).toBeCloseTo(2 / 3);
    expect(weights.breadth).toBeCloseTo(1 / 3);
    expect(weights.deepen).toBe(0);
    await command("cancel", secrets.adminWrite, run.id);
  });

  it("refuses a read token and an annotator's token (403), another's or an unknown project (404), starting nothing", async () => {
    const before = await getPrisma().run.count();
    const readOnly = await expectApiError(await startRun(secrets.adminRead, project.id, MINIMAL), 403, "FORBIDDEN");
    expect(readOnly.message).toContain("read-only");
    await expectApiError(await startRun(secrets.annotatorWrite, project.id, MINIMAL), 403, "FORBIDDEN");
    const outside = await expectApiError(await startRun(secrets.limited, project.id, MINIMAL), 404, "NOT_FOUND");
    const unknown = await expectApiError(await startRun(secrets.adminWrite, MISSING_ID, MINIMAL), 404, "NOT_FOUND");
    expect(outside.message).toBe(unknown.message);
    expect(await getPrisma().run.count()).toBe(before);
  });

  it("answers bad bodies with 400 and the field, and the form's refusals with 400 or 409 and their message", async () => {
    const before = await getPrisma().run.count();
    const post = (body: unknown) => startRun(secrets.adminWrite, project.id, JSON.stringify(body));
    const missing = await expectApiError(await post({ rounds: 1 }), 400, "INVALID");
    expect(missing.details).toMatchObject({ source: "body", fieldErrors: { endpoint: [expect.any(String)] } });
    const rounds = await expectApiError(await post({ rounds: 11, endpoint: "simulator" }), 400, "INVALID");
    expect(rounds).toMatchObject({
      message: "rounds: At most 10 rounds.",
      details: { fieldErrors: { rounds: ["At most 10 rounds."] } },
    });
    const weights = await expectApiError(
      await post({
        endpoint: "simulator",
        weights: {
          add_constraints: 0,
          deepen: 0,
          concretize: 0,
          increase_reasoning: 0,
          complicate_input: 0,
          breadth: 0,
        },
      }),
      400,
      "INVALID",
    );
    expect(weights.message).toContain("positive weight");
    // The project is the URL's; a typo'd or snake_case option is refused rather than silently ignored.
    const extra = await expectApiError(
      await post({ endpoint: "simulator", projectId: theirs.id, seed_limit: 1 }),
      400,
      "INVALID",
    );
    expect(extra.message).toMatch(/projectId|seed_limit/);
    const cap = await expectApiError(await post({ endpoint: "simulator", maxTokens: 0 }), 400, "INVALID");
    expect(cap.details).toMatchObject({ fieldErrors: { maxTokens: ["A token cap must be at least 1."] } });
    await expectApiError(await startRun(secrets.adminWrite, project.id, "[1,"), 400, "INVALID");

    const filter = await expectApiError(
      await post({ endpoint: "simulator", seedQuery: "no such seed anywhere" }),
      400,
      "INVALID",
    );
    expect(filter.message).toBe("No seed matches that filter.");
    const method = await expectApiError(await post({ endpoint: "simulator", method: "nope-method" }), 400, "INVALID");
    expect(method.message).toBe('There is no method named "nope-method".');
    const tooLarge = await expectApiError(
      await post({ endpoint: "simulator", rounds: 10, branching: 5 }),
      400,
      "INVALID",
    );
    expect(tooLarge.message).toMatch(/step/i);
    const endpoint = await expectApiError(await post({ endpoint: "openai" }), 409, "CONFLICT");
    expect(endpoint.message).toContain("No LLM endpoint is configured");
    const empty = await getPrisma().project.create({ data: { name: `api no seeds ${Date.now()}` } });
    const noSeeds = await expectApiError(await startRun(secrets.adminWrite, empty.id, MINIMAL), 409, "CONFLICT");
    expect(noSeeds.message).toBe("This project has no seeds yet: import some first.");
    expect(await getPrisma().run.count()).toBe(before);
  });
});

describe("Idempotency-Key on POST /api/v1/projects/{id}/runs", () => {
  const keyed = (key: string, body = MINIMAL, secret = secrets.adminWrite) =>
    startRun(secret, project.id, body, { "idempotency-key": key });
  const runsOf = () => getPrisma().run.count({ where: { projectId: project.id } });

  it("replays the first answer for a retry with the same key and body: one run, one start audited", async () => {
    const key = `retry-${crypto.randomUUID()}`;
    const before = await runsOf();
    const first = await keyed(key);
    const firstBody = await first.clone().text();
    const run = await started(first);
    expect(first.headers.get("idempotent-replayed")).toBeNull();
    // The same body with its keys in another order and other spacing is the same request.
    const again = await keyed(key, JSON.stringify({ seedLimit: 20, endpoint: "simulator", rounds: 1 }, null, 2));
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(await again.text()).toBe(firstBody);
    expect(await runsOf()).toBe(before + 1);
    const audits = await getPrisma().auditEvent.count({ where: { action: "run.start", targetId: run.id } });
    expect(audits).toBe(1);
    // A replay wrote nothing, so it is no api.write either.
    const writes = () => getPrisma().auditEvent.count({ where: { action: "api.write", actorId: admin.id } });
    const writesBefore = await writes();
    expect((await keyed(key)).headers.get("idempotent-replayed")).toBe("true");
    expect(await writes()).toBe(writesBefore);
    await command("cancel", secrets.adminWrite, run.id);
  });

  it("refuses the same key with another body (422), and keeps keys per token", async () => {
    const key = `mismatch-${crypto.randomUUID()}`;
    const run = await started(await keyed(key));
    const before = await runsOf();
    const other = JSON.stringify({ rounds: 2, endpoint: "simulator", seedLimit: 20 });
    const reused = await expectApiError(await keyed(key, other), 422, "IDEMPOTENCY_KEY_REUSED");
    expect(reused.message).toContain("different request");
    expect(await runsOf()).toBe(before);
    // Another token's key of the same name is its own.
    const otherToken = (await apiToken(admin, "write")).secret;
    const second = await started(await keyed(key, MINIMAL, otherToken));
    expect(second.id).not.toBe(run.id);
    for (const id of [run.id, second.id]) await command("cancel", secrets.adminWrite, id);
  });

  it("starts exactly one run for concurrent duplicates; the others are told to retry (409) or get the answer", async () => {
    const key = `concurrent-${crypto.randomUUID()}`;
    const before = await runsOf();
    const responses = await Promise.all(Array.from({ length: 6 }, () => keyed(key)));
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 201).length).toBeGreaterThanOrEqual(1);
    expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
    expect(await runsOf()).toBe(before + 1);
    for (const response of responses.filter((r) => r.status === 409)) {
      const error = await expectApiError(response, 409, "CONFLICT");
      expect(error.message).toContain("still being processed");
      expect(response.headers.get("retry-after")).toBe("1");
    }
    // Once the first answered, a retry gets its answer.
    const ids = new Set(
      await Promise.all(responses.filter((r) => r.status === 201).map(async (r) => ((await r.json()) as RunJson).id)),
    );
    expect(ids.size).toBe(1);
    const retried = await started(await keyed(key));
    expect(ids.has(retried.id)).toBe(true);
    await command("cancel", secrets.adminWrite, retried.id);
  });

  it("tells a retry while the first request runs to come back (409), and says so when that request never finished", async () => {
    const { createHash } = await import("node:crypto");
    const token = await apiToken(admin, "write");
    const before = await runsOf();
    // The first request claimed the key and is still starting its run (its row has no answer yet).
    const fingerprint = createHash("sha256").update("another request").digest("hex");
    const busy = await getPrisma().apiIdempotencyKey.create({
      data: { tokenId: token.id, key: "busy", fingerprint, expiresAt: new Date(Date.now() + 86_400_000) },
    });
    const mismatch = await keyed("busy", MINIMAL, token.secret);
    await expectApiError(mismatch, 422, "IDEMPOTENCY_KEY_REUSED");
    const fingerprintOfMinimal = await (async () => {
      // Learn the fingerprint of MINIMAL from a key it claimed, then make that claim look unanswered.
      await started(await keyed("learn", MINIMAL, token.secret));
      return (
        await getPrisma().apiIdempotencyKey.findUniqueOrThrow({
          where: { tokenId_key: { tokenId: token.id, key: "learn" } },
        })
      ).fingerprint;
    })();
    await getPrisma().apiIdempotencyKey.update({
      where: { tokenId_key: { tokenId: busy.tokenId, key: busy.key } },
      data: { fingerprint: fingerprintOfMinimal },
    });
    const inFlight = await keyed("busy", MINIMAL, token.secret);
    const error = await expectApiError(inFlight, 409, "CONFLICT");
    expect(error.message).toContain("still being processed");
    expect(inFlight.headers.get("retry-after")).toBe("1");
    await getPrisma().apiIdempotencyKey.update({
      where: { tokenId_key: { tokenId: busy.tokenId, key: busy.key } },
      data: { createdAt: new Date(Date.now() - 11 * 60_000) },
    });
    const abandoned = await expectApiError(await keyed("busy", MINIMAL, token.secret), 409, "CONFLICT");
    expect(abandoned.message).toContain("never finished");
    // Only the "learn" request started a run.
    expect(await runsOf()).toBe(before + 1);
    const learned = await getPrisma().run.findFirstOrThrow({
      where: { projectId: project.id },
      orderBy: { createdAt: "desc" },
    });
    await command("cancel", secrets.adminWrite, learned.id);
  });

  it("frees the key of a refused request, lets an expired key start anew, and refuses a malformed key (400)", async () => {
    const key = `refused-${crypto.randomUUID()}`;
    await expectApiError(await keyed(key, JSON.stringify({ endpoint: "openai" })), 409, "CONFLICT");
    const run = await started(await keyed(key));
    // After 24 h the key is forgotten: the same request starts a second run.
    await getPrisma().apiIdempotencyKey.updateMany({ where: { key }, data: { expiresAt: new Date(Date.now() - 1) } });
    const later = await started(await keyed(key));
    expect(later.id).not.toBe(run.id);
    for (const id of [run.id, later.id]) await command("cancel", secrets.adminWrite, id);
    const before = await runsOf();
    for (const bad of ["x".repeat(256), "with space", "café"]) {
      const error = await expectApiError(await keyed(bad), 400, "INVALID");
      expect(error.details).toMatchObject({ source: "headers" });
    }
    expect(await runsOf()).toBe(before);
  });
});

describe("GET /api/v1/projects/{id}/runs", () => {
  it("lists the project's runs newest first page by page, with status and progress, for a member's read token", async () => {
    const all = await getPrisma().run.findMany({
      where: { projectId: project.id },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    });
    expect(all.length).toBeGreaterThan(3);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `?limit=2${cursor ? `&cursor=${cursor}` : ""}`;
      const response = await listRuns(secrets.annotatorRead, project.id, query);
      expect(response.status).toBe(200);
      const page = (await response.json()) as { data: Record<string, unknown>[]; next_cursor: string | null };
      expect(page.data.length).toBeLessThanOrEqual(2);
      seen.push(...page.data.map((r) => r.id as string));
      cursor = page.next_cursor;
    } while (cursor);
    expect(seen).toEqual(all.map((r) => r.id));
    const first = (await (await listRuns(secrets.adminRead, project.id, "?limit=200")).json()) as {
      data: Record<string, unknown>[];
    };
    const completed = first.data.find((r) => r.status === "completed");
    expect(completed).toMatchObject({
      name: expect.any(String),
      mode: "continuous",
      batch: false,
      method: expect.stringMatching(/^paper v\d+$/),
      endpoint: "Simulator (not a real model)",
      created_at: expect.any(String),
      finished_at: expect.any(String),
      progress: { rounds: 1, current_round: 1, steps: 20, finished: 20, passed: expect.any(Number) },
    });
    expect(first.data.some((r) => r.status === "cancelled")).toBe(true);
  });

  it("answers another's project and an unknown one alike (404), a bad limit or cursor with 400", async () => {
    const a = await expectApiError(await listRuns(secrets.annotatorRead, theirs.id), 404, "NOT_FOUND");
    const b = await expectApiError(await listRuns(secrets.limited, project.id), 404, "NOT_FOUND");
    const c = await expectApiError(await listRuns(secrets.adminRead, MISSING_ID), 404, "NOT_FOUND");
    expect(new Set([a.message, b.message, c.message]).size).toBe(1);
    const limit = await expectApiError(await listRuns(secrets.adminRead, project.id, "?limit=0"), 400, "INVALID");
    expect(limit.details).toMatchObject({ source: "query", fieldErrors: { limit: ["limit must be 1 or more."] } });
    await expectApiError(await listRuns(secrets.adminRead, project.id, "?cursor=nope"), 400, "INVALID");
  });
});

describe("GET /api/v1/runs/{id}", () => {
  it("answers an unknown run and a run of another's project with the same 404, a malformed id with 400", async () => {
    const run = await getPrisma().run.findFirstOrThrow({ where: { projectId: project.id } });
    const outside = await expectApiError(await getRun(secrets.limited, run.id), 404, "NOT_FOUND");
    const other = await started(
      await startRun(secrets.adminWrite, theirs.id, JSON.stringify({ endpoint: "simulator", rounds: 1 })),
    );
    const notMember = await expectApiError(await getRun(secrets.annotatorRead, other.id), 404, "NOT_FOUND");
    const unknown = await expectApiError(await getRun(secrets.adminRead, MISSING_ID), 404, "NOT_FOUND");
    expect(new Set([outside.message, notMember.message, unknown.message])).toEqual(new Set(["Unknown run."]));
    await expectApiError(await getRun(secrets.adminRead, "not-a-run"), 400, "INVALID");
    // A member's read token reads its project's run.
    expect((await getRun(secrets.annotatorRead, run.id)).status).toBe(200);
    await waitForStatus(other.id, ["completed"]);
  }, 60_000);
});

describe("the run page's buttons through the API", () => {
  it("pause, resume and cancel change what GET says; each answers the progress; wrong states are 409", async () => {
    simulator.setOptions({ latencyMs: 40 });
    const run = await started(
      await startRun(secrets.adminWrite, project.id, JSON.stringify({ endpoint: "simulator", rounds: 10 })),
    );
    await expectApiError(await command("pause", secrets.adminRead, run.id), 403, "FORBIDDEN");
    await expectApiError(await command("pause", secrets.annotatorWrite, run.id), 403, "FORBIDDEN");
    await expectApiError(await command("pause", secrets.limited, run.id), 404, "NOT_FOUND");
    await expectApiError(await command("pause", secrets.adminWrite, MISSING_ID), 404, "NOT_FOUND");

    const paused = await progressOf(await command("pause", secrets.adminWrite, run.id));
    expect(paused).toMatchObject({ id: run.id, status: "paused" });
    expect((await progressOf(await getRun(secrets.adminRead, run.id))).status).toBe("paused");
    const again = await expectApiError(await command("pause", secrets.adminWrite, run.id), 409, "CONFLICT");
    expect(again.message).toBe("A paused run cannot be paused.");
    await expectApiError(await command("release", secrets.adminWrite, run.id), 409, "CONFLICT");

    const badCap = await expectApiError(
      await command("resume", secrets.adminWrite, run.id, JSON.stringify({ maxTokens: -1 })),
      400,
      "INVALID",
    );
    expect(badCap.details).toMatchObject({ source: "body", fieldErrors: { maxTokens: [expect.any(String)] } });
    const resumed = await progressOf(
      await command("resume", secrets.adminWrite, run.id, JSON.stringify({ maxTokens: 90_000_000 })),
    );
    expect(resumed).toMatchObject({ status: "running", caps: { max_tokens: 90_000_000 } });
    expect((await progressOf(await getRun(secrets.adminRead, run.id))).status).toBe("running");

    const cancelled = await progressOf(await command("cancel", secrets.adminWrite, run.id));
    expect(cancelled).toMatchObject({ status: "cancelled", finished_at: expect.any(String) });
    const after = await progressOf(await getRun(secrets.annotatorRead, run.id));
    expect(after.status).toBe("cancelled");
    expect(after.rounds.done).toBeLessThan(10);
    const late = await expectApiError(await command("resume", secrets.adminWrite, run.id), 409, "CONFLICT");
    expect(late.message).toBe("A cancelled run cannot be resumed.");
    const actions = await getPrisma().auditEvent.findMany({
      where: { targetId: run.id, action: { startsWith: "run." } },
      orderBy: { id: "asc" },
    });
    expect(actions.map((a) => a.action)).toEqual(["run.start", "run.pause", "run.resume", "run.cancel"]);
    simulator.setOptions({ latencyMs: 5 });
  }, 60_000);

  it("release lets a gated run waiting for review go on to its next round", async () => {
    const body = JSON.stringify({ endpoint: "simulator", rounds: 2, mode: "gated", seedLimit: 3 });
    const run = await started(await startRun(secrets.adminWrite, project.id, body));
    const waiting = await waitForStatus(run.id, ["waiting review", "failed", "stalled"]);
    expect(waiting).toMatchObject({ status: "waiting review", rounds: { total: 2, current: 1, done: 1 } });
    await expectApiError(await command("release", secrets.annotatorWrite, run.id), 403, "FORBIDDEN");
    const released = await progressOf(await command("release", secrets.adminWrite, run.id));
    expect(released.rounds.current).toBe(2);
    expect(["running", "completed"]).toContain(released.status);
    const done = await waitForStatus(run.id, ["completed", "failed", "stalled"]);
    expect(done).toMatchObject({ status: "completed", rounds: { total: 2, done: 2 } });
    const twice = await expectApiError(await command("release", secrets.adminWrite, run.id), 409, "CONFLICT");
    expect(twice.message).toBe("A completed run cannot be released.");
  }, 60_000);

  it("a run whose steps fail on the worker shows why it stalled; retry requeues them and it completes", async () => {
    // The run names the real endpoint (the simulator here), which the worker is then not given: no worker takes
    // its steps until the endpoint is gone.
    await worker.stop();
    process.env.OPENAI_BASE_URL = simulator.url;
    const body = JSON.stringify({
      endpoint: "openai",
      rounds: 1,
      seedLimit: 3,
      models: { evolve: "sim-evolver", answer: "sim-answerer", judge: "sim-judge", difficulty: "sim-judge" },
    });
    const run = await started(await startRun(secrets.adminWrite, project.id, body));
    delete process.env.OPENAI_BASE_URL;
    worker = await startStepWorker({ connectionString: url, concurrency: 8 });
    const stalled = await waitForStatus(run.id, ["stalled", "completed", "failed"]);
    expect(stalled).toMatchObject({
      status: "stalled",
      steps: { failed: 3, pending: 0 },
      stalled: { failed_steps: 3, reasons: [{ reason: expect.stringContaining("OPENAI_API_KEY"), steps: 3 }] },
    });
    // An annotator reads the stall without the worker's text.
    const seen = await progressOf(await getRun(secrets.annotatorRead, run.id));
    expect(seen.stalled?.reasons[0]?.reason).not.toContain("OPENAI");
    await expectApiError(await command("retry", secrets.adminRead, run.id), 403, "FORBIDDEN");

    process.env.OPENAI_BASE_URL = simulator.url;
    const retried = await progressOf(await command("retry", secrets.adminWrite, run.id));
    expect(["running", "completed"]).toContain(retried.status);
    const done = await waitForStatus(run.id, ["completed", "stalled", "failed"]);
    expect(done).toMatchObject({ status: "completed", steps: { failed: 0 }, stalled: null });
    delete process.env.OPENAI_BASE_URL;
    const nothing = await expectApiError(await command("retry", secrets.adminWrite, run.id), 409, "CONFLICT");
    expect(nothing.message).toBe("A completed run has no failed steps to retry.");
  }, 90_000);
});

describe("the runs endpoints in the OpenAPI document", () => {
  it("document the Idempotency-Key on the start, its 409 and 422, and resume's optional body", async () => {
    const { apiDocument } = await import("@/lib/api/api-routes");
    const paths = apiDocument().paths as Record<string, Record<string, Record<string, unknown>>>;
    const start = paths["/api/v1/projects/{projectId}/runs"]!.post!;
    expect(start.parameters).toContainEqual(expect.objectContaining({ name: "Idempotency-Key", in: "header" }));
    expect(Object.keys(start.responses as object)).toEqual(expect.arrayContaining(["201", "409", "422"]));
    expect(start.requestBody).toMatchObject({ required: true });
    expect(paths["/api/v1/runs/{runId}/resume"]!.post!.requestBody).toMatchObject({ required: false });
    expect(paths["/api/v1/runs/{runId}/pause"]!.post!.parameters).not.toContainEqual(
      expect.objectContaining({ name: "Idempotency-Key" }),
    );
  });
});

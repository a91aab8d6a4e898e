// The sums the cost tables read are kept by triggers as calls and nodes are
// written (migration 20261204130000; append-only since 20261207160000, folded
// by compactRunSums). After a real run with failed attempts and failed steps,
// compacted again and again while it went, they must equal a recount straight
// from llm_calls, run_steps and nodes, and a last compaction changes no figure.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CostLine } from "@/lib/evolution/cost-breakdown";
import { createSimulator, type Simulator } from "@/lib/simulator/create-simulator";
import { createProjectWithSeeds } from "@/tests/fixtures/projects";
import { simulatorRunOptions } from "@/tests/fixtures/run-options";
import { createTestUser, type TestUser } from "@/tests/fixtures/users";
import { waitForNoLiveWork, waitForRunStatus } from "@/tests/fixtures/wait-for-run";
import { setupTestDatabase } from "@/tests/setup/test-database";

process.env.LLM_TIMEOUT_MS = "5000";
const { url } = await setupTestDatabase();
const { getPrisma } = await import("@/lib/server/db/prisma");
const { startRun } = await import("./start-run");
const { getRunCosts } = await import("./get-run-costs");
const { compactRunSums } = await import("./compact-run-sums");
const { decideNode } = await import("@/lib/server/review/decide-node");
const { startStepWorker } = await import("@/lib/server/jobs/step-worker");
const { stopBoss } = await import("@/lib/server/jobs/boss");

let simulator: Simulator;
let proxy: Server;
let worker: { stop(): Promise<void> };
let admin: TestUser;
/** Parents whose step's answer call the provider refuses (401, not retried): those steps fail after their evolve call was paid. */
const refusedParents = new Set<string>();
/** Parents whose steps' judge calls fail once with a 500 (retried): failed attempts, stored without a request key. */
const flakyParents = new Set<string>();
const failedOnce = new Set<string>();

beforeAll(async () => {
  simulator = await createSimulator({ latencyMs: 5, seed: "cost-sums" });
  // Between the app and the simulator: refuses the answer calls of chosen steps, fails others' judge calls once.
  proxy = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const key = String(req.headers["x-evol-request-key"] ?? "");
    if (key.endsWith(":answer") && refusedParents.has(key.split(":")[1])) {
      res.writeHead(401, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { message: "Incorrect API key provided.", code: "invalid_api_key" } }));
      return;
    }
    if (key.endsWith(":judge") && flakyParents.has(key.split(":")[1]) && !failedOnce.has(key)) {
      failedOnce.add(key);
      res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { message: "The server had an error (test).", type: "server_error" } }));
      return;
    }
    const headers = Object.fromEntries(
      Object.entries(req.headers).filter(([name]) => !["host", "content-length", "connection"].includes(name)),
    ) as Record<string, string>;
    const forwarded = await fetch(`${simulator.url}${req.url!.replace(/^\/v1/, "")}`, {
      method: req.method,
      headers,
      body: chunks.length ? Buffer.concat(chunks) : undefined,
    });
    res.writeHead(forwarded.status, { "content-type": forwarded.headers.get("content-type") ?? "application/json" });
    res.end(Buffer.from(await forwarded.arrayBuffer()));
  });
  await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
  process.env.SIMULATOR_URL = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}${new URL(simulator.url).pathname}`;
  admin = await createTestUser("admin");
  worker = await startStepWorker({ connectionString: url, concurrency: 8 });
});

afterAll(async () => {
  await worker?.stop();
  await stopBoss();
  await new Promise((resolve) => proxy?.close(resolve));
  await simulator?.close();
});

type Group = { calls: number; tokens: number };

/** Per key: calls and tokens of the run's llm_calls, each call placed by its step (parsed from its request key). */
async function recountCalls(
  runId: string,
  keyOf: (step: { round: number; operation: string } | null, role: string) => string,
) {
  const prisma = getPrisma();
  const steps = new Map(
    (await prisma.runStep.findMany({ where: { runId } })).map((s) => [
      s.stepKey,
      { round: s.round, operation: s.operation },
    ]),
  );
  const groups = new Map<string, Group>();
  for (const call of await prisma.llmCall.findMany({ where: { runId } })) {
    const stepKey = call.requestKey?.slice(0, -(call.role.length + 1)) ?? null;
    const key = keyOf(stepKey === null ? null : (steps.get(stepKey) ?? null), call.role);
    const group = groups.get(key) ?? { calls: 0, tokens: 0 };
    group.calls += 1;
    group.tokens += (call.promptTokens ?? 0) + (call.completionTokens ?? 0);
    groups.set(key, group);
  }
  return Object.fromEntries(groups);
}

const linesAsGroups = (lines: CostLine<string | number>[]) =>
  Object.fromEntries(lines.map((l) => [String(l.key), { calls: l.calls, tokens: l.tokens }]));

describe("run cost sums", () => {
  it("equal a recount from llm_calls, steps and nodes after failed attempts and failed steps", async () => {
    const project = await createProjectWithSeeds({ count: 6, actorId: admin.id });
    const seeds = await getPrisma().node.findMany({ where: { projectId: project.id }, orderBy: { id: "asc" } });
    refusedParents.add(seeds[0].id).add(seeds[1].id);
    flakyParents.add(seeds[2].id).add(seeds[3].id);
    const run = await startRun({ ...simulatorRunOptions(project.id, { rounds: 2 }), actorId: admin.id });
    // Compactions while the steps write their sums: none may lose or double a row.
    let compacting = true;
    let compactions = 0;
    const compactor = (async () => {
      while (compacting) {
        compactions += (await compactRunSums({ afterRows: 0 })).length;
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    })();
    await waitForRunStatus(run.id, ["completed"]);
    await waitForNoLiveWork(run.id);
    compacting = false;
    await compactor;
    expect(compactions).toBeGreaterThan(0);

    const prisma = getPrisma();
    const failedSteps = await prisma.runStep.findMany({ where: { runId: run.id, status: "failed" } });
    // Each refused seed's step fails in every round (a seed whose step failed is tried again next round).
    expect(new Set(failedSteps.map((s) => s.parentId))).toEqual(new Set([seeds[0].id, seeds[1].id]));
    const calls = await prisma.llmCall.findMany({ where: { runId: run.id } });
    expect(calls.some((c) => c.outcome !== "ok" && c.errorKind !== "auth")).toBe(true);
    // A failed step's evolve call was answered and paid: it counts for the step's round and operation.
    const failedKeys = new Set(failedSteps.map((s) => s.stepKey));
    expect(calls.some((c) => c.outcome === "ok" && failedKeys.has(c.requestKey!.slice(0, -"evolve".length - 1)))).toBe(
      true,
    );

    const nodes = await prisma.node.findMany({ where: { runId: run.id, verdict: "passed" }, orderBy: { id: "asc" } });
    for (const node of nodes.slice(0, 3))
      await decideNode({
        projectId: project.id,
        nodeId: node.id,
        reviewer: admin,
        decision: "accept",
        reasonTags: [],
        note: "",
        seenReviewId: null,
      });

    const costs = await getRunCosts({ runId: run.id });
    expect(linesAsGroups(costs.perRound)).toEqual(await recountCalls(run.id, (s) => String(s?.round ?? null)));
    expect(linesAsGroups(costs.perOperation)).toEqual(await recountCalls(run.id, (s) => String(s?.operation ?? null)));
    expect(linesAsGroups(costs.perRole)).toEqual(await recountCalls(run.id, (_, role) => role));

    // Nodes by the step that made them (its step key): passing and accepted per round.
    const steps = new Map((await prisma.runStep.findMany({ where: { runId: run.id } })).map((s) => [s.stepKey, s]));
    const made = (await prisma.node.findMany({ where: { runId: run.id } })).filter((n) => steps.has(n.stepKey!));
    for (const line of costs.perRound.filter((l) => l.key !== null)) {
      const ofRound = made.filter((n) => steps.get(n.stepKey!)!.round === line.key);
      expect(line.passing).toBe(ofRound.filter((n) => n.verdict === "passed").length);
      expect(line.accepted).toBe(ofRound.filter((n) => n.humanStatus === "accepted").length);
    }
    expect(costs.total.accepted).toBe(3);

    // Append-only: a statement's rows stay apart until a compaction folds each group into one row, changing no figure.
    const byGroup = async () => [
      ...(await prisma.runNodeSum.groupBy({ by: ["round", "operation"], where: { runId: run.id }, _count: true })),
      ...(await prisma.runCallSum.groupBy({
        by: ["round", "operation", "role"],
        where: { runId: run.id },
        _count: true,
      })),
    ];
    // Split a group of each table in two rows, as two statements leave them: the figures stay.
    const nodeRow = (await prisma.runNodeSum.findFirst({ where: { runId: run.id, passing: { gt: 0 } } }))!;
    const callRow = (await prisma.runCallSum.findFirst({ where: { runId: run.id, calls: { gt: 1 } } }))!;
    await prisma.$transaction([
      prisma.runNodeSum.update({
        where: { id: nodeRow.id },
        data: { nodes: nodeRow.nodes - 1n, passing: nodeRow.passing - 1n },
      }),
      prisma.runNodeSum.create({
        data: { runId: run.id, round: nodeRow.round, operation: nodeRow.operation, nodes: 1n, passing: 1n },
      }),
      prisma.runCallSum.update({ where: { id: callRow.id }, data: { calls: callRow.calls - 1n } }),
      prisma.runCallSum.create({
        data: {
          runId: run.id,
          round: callRow.round,
          operation: callRow.operation,
          role: callRow.role,
          calls: 1n,
          promptTokens: 0n,
          completionTokens: 0n,
        },
      }),
    ]);
    expect(await getRunCosts({ runId: run.id })).toEqual(costs);
    expect((await byGroup()).some((g) => g._count > 1)).toBe(true);
    expect(await compactRunSums({ afterRows: 0 })).toContain(run.id);
    expect((await byGroup()).every((g) => g._count === 1)).toBe(true);
    expect(await getRunCosts({ runId: run.id })).toEqual(costs);
  });
});

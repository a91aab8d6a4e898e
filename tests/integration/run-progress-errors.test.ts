// A provider's error text can quote part of the API key (OpenAI's 401 does).
// Run progress shows it to admins only; annotators see its category.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createProjectWithSeeds } from "@/tests/fixtures/projects";
import { actAs } from "@/tests/fixtures/request-context";
import { simulatorRunOptions } from "@/tests/fixtures/run-options";
import { createTestUser, signInCookie } from "@/tests/fixtures/users";
import { setupTestDatabase } from "@/tests/setup/test-database";

vi.mock("next/headers", () => import("@/tests/fixtures/next-headers"));

const KEY = "sk-proj-abcdefgh1234567890wxyz";
const PROVIDER_TEXT = `Incorrect API key provided: ${KEY.slice(0, 10)}************wxyz. You can find your API key at https://platform.openai.com/account/api-keys.`;

await setupTestDatabase();
const { getPrisma } = await import("@/lib/server/db/prisma");
const { startRun } = await import("@/lib/server/runs/start-run");
const { runStepJob } = await import("@/lib/server/runs/run-step-job");
const { stopBoss } = await import("@/lib/server/jobs/boss");
const { GET } = await import("@/app/api/runs/[runId]/progress/route");

// A provider that refuses the key the way OpenAI does.
let provider: Server;
beforeAll(async () => {
  provider = createServer((req, res) => {
    req.resume();
    res.writeHead(401, { "content-type": "application/json" });
    res.end(
      JSON.stringify({ error: { message: PROVIDER_TEXT, type: "invalid_request_error", code: "invalid_api_key" } }),
    );
  });
  await new Promise<void>((resolve) => provider.listen(0, "127.0.0.1", resolve));
  process.env.OPENAI_BASE_URL = `http://127.0.0.1:${(provider.address() as AddressInfo).port}/v1`;
  process.env.OPENAI_API_KEY = KEY;
});
afterAll(async () => {
  await stopBoss();
  await new Promise((resolve) => provider.close(resolve));
  delete process.env.OPENAI_BASE_URL;
  delete process.env.OPENAI_API_KEY;
});

async function progressAs(cookie: string, runId: string) {
  actAs(cookie);
  const response = await GET(new Request(`http://localhost/api/runs/${runId}/progress`), {
    params: Promise.resolve({ runId }),
  });
  expect(response.status).toBe(200);
  return response.text();
}

describe("run progress errors by role", () => {
  it("shows a step's provider error to admins and only its category to annotators", async () => {
    const admin = await createTestUser("admin");
    const annotator = await createTestUser("annotator");
    const project = await createProjectWithSeeds({ count: 1, actorId: admin.id });
    await getPrisma().projectMember.create({ data: { projectId: project.id, userId: annotator.id } });
    const run = await startRun({
      ...simulatorRunOptions(project.id, {
        rounds: 1,
        endpoint: "openai",
        models: { evolve: "gpt-4o-mini", answer: "gpt-4o-mini", judge: "gpt-4o-mini", difficulty: "gpt-4o-mini" },
      }),
      actorId: admin.id,
    });
    const step = await getPrisma().runStep.findFirstOrThrow({ where: { runId: run.id } });
    await runStepJob({ stepId: step.id });

    // What is stored: the provider's text on the step and the call, with its category.
    const failed = await getPrisma().runStep.findUniqueOrThrow({ where: { id: step.id } });
    expect(failed).toMatchObject({ status: "failed", errorKind: "auth" });
    expect(failed.error).toContain(KEY.slice(0, 10));
    const call = await getPrisma().llmCall.findFirstOrThrow({ where: { runId: run.id } });
    expect(call).toMatchObject({ outcome: "error", errorKind: "auth" });

    const asAdmin = JSON.parse(await progressAs(await signInCookie(admin), run.id));
    // A failed step ended, but no evolution happened: it is not counted as evolved.
    expect(asAdmin.totals).toMatchObject({ finished: 1, evolved: 0, failedSteps: 1, open: 0 });
    expect(asAdmin.endpointWait).toBeNull();
    expect(asAdmin.recentErrors).toEqual([
      { at: expect.any(String), kind: "auth", message: expect.stringContaining(PROVIDER_TEXT) },
    ]);

    const body = await progressAs(await signInCookie(annotator), run.id);
    expect(body).not.toContain(KEY.slice(0, 10));
    expect(body).not.toContain("Incorrect API key");
    expect(JSON.parse(body).recentErrors).toEqual([
      { at: expect.any(String), kind: "auth", message: "Step failed: authentication failed" },
    ]);
  });
});

// The REST API as a pipeline uses it, against the built app with fetch only
// (no browser, no cookie): a token from `npm run token`, then create a
// project, import seeds (dry run first), start a simulator run and wait for
// it, accept nodes (one by one and in bulk with the confirmed count), export
// the accepted ones, and download the file by its signed link, checking every
// record against the nodes the API listed. Then every operation of the
// OpenAPI document is called over HTTP with the ids the pipeline made: with
// no token, a revoked and an expired token (401), a read token writing and
// an annotator on an admin's endpoint (403), an annotator outside the project
// (404) — and nothing those refused requests sent changed anything.
import { execFileSync } from "node:child_process";
import { E2E_BASE_URL } from "../playwright.config";
import { ADMIN, createAnnotator, signIn, uniqueName } from "./support/accounts";
import { connectE2eDatabase } from "./support/database";
import { expect, test } from "./support/test";

test.describe.configure({ mode: "serial" });

/** A token made by `npm run token` on the server, as a pipeline's first set-up does. */
function cliToken(email: string, scope: "read" | "write", name = uniqueName("pipeline")): string {
  const secret = execFileSync("npm", ["run", "-s", "token", "--", "--as", email, "--name", name, "--scope", scope], {
    env: {
      ...process.env,
      EVOL_DATA_DIR: ".data/e2e",
      EMBEDDED_POSTGRES_PORT: process.env.E2E_POSTGRES_PORT ?? "54339",
      DATABASE_URL: "",
    },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  }).trim();
  expect(secret).toMatch(/^evs_[A-Za-z0-9_-]{43}$/);
  return secret;
}

interface Answer<T = Record<string, unknown>> {
  status: number;
  body: T;
  text: string;
}

/** One request to the API with `fetch`, as any HTTP client sends it. */
async function api<T = Record<string, unknown>>(
  token: string | null,
  method: string,
  path: string,
  options: { json?: unknown; raw?: string; contentType?: string; headers?: Record<string, string> } = {},
): Promise<Answer<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (token) headers.authorization = `Bearer ${token}`;
  let body: string | undefined;
  if (options.json !== undefined) {
    headers["content-type"] = "application/json";
    body = JSON.stringify(options.json);
  } else if (options.raw !== undefined) {
    headers["content-type"] = options.contentType!;
    body = options.raw;
  }
  const response = await fetch(`${E2E_BASE_URL}${path}`, { method, headers, body });
  const text = method === "HEAD" ? "" : await response.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = null;
  }
  return { status: response.status, body: parsed as T, text };
}

async function until<T>(what: string, read: () => Promise<T>, done: (value: T) => boolean, ms = 90_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(value)} after ${ms / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

interface NodeRow {
  id: string;
  round: number;
  verdict: string;
  human_status: string;
  instruction: { text: string; truncated: boolean };
}

/** What the pipeline made, for the second test's calls. */
const made: Record<string, string> = {};

const SEEDS = [
  "Explain why the sky looks blue at noon and red at sunset.",
  "Write a haiku about a lighthouse keeper.",
  "List three ways to reduce the memory use of a Python script that reads a large CSV file.",
  "Convert 72 degrees Fahrenheit to Celsius and show the steps.",
  "Summarise the plot of a detective story in which the narrator is the culprit.",
  "Give a SQL query that finds the second highest salary in an employees table.",
  "Describe how a bill becomes a law in a parliamentary system.",
  "Suggest a name for a bakery that only sells sourdough bread.",
];

test("a whole pipeline with fetch only: project, seeds, run, decisions, export, signed link", async () => {
  test.setTimeout(240_000);
  const token = cliToken(ADMIN.email, "write");

  const project = await api(token, "POST", "/api/v1/projects", { json: { name: uniqueName("pipeline") } });
  expect(project.status, project.text).toBe(201);
  const projectId = String(project.body.id);
  made.projectId = projectId;

  const jsonl = SEEDS.map((instruction) => JSON.stringify({ instruction, input: "", output: "" })).join("\n") + "\n";
  const seedsPath = `/api/v1/projects/${projectId}/seeds`;
  const preview = await api(token, "POST", `${seedsPath}?dry_run=1`, {
    raw: jsonl,
    contentType: "application/x-ndjson",
  });
  expect(preview.status, preview.text).toBe(200);
  expect(preview.body).toMatchObject({ dry_run: true, rows_read: SEEDS.length, new_seeds: SEEDS.length });
  expect(preview.body.error_count).toBe(0);
  expect((await api(token, "GET", `/api/v1/projects/${projectId}`)).body).toMatchObject({ counts: { seeds: 0 } });
  const imported = await api(token, "POST", `${seedsPath}?file_name=pipeline.jsonl`, {
    raw: jsonl,
    contentType: "application/x-ndjson",
  });
  expect(imported.status, imported.text).toBe(201);
  expect(imported.body).toMatchObject({ dry_run: false, imported: SEEDS.length, file_name: "pipeline.jsonl" });

  const runBody = { rounds: 1, endpoint: "simulator", seedLimit: 6 };
  const key = crypto.randomUUID();
  const started = await api(token, "POST", `/api/v1/projects/${projectId}/runs`, {
    json: runBody,
    headers: { "idempotency-key": key },
  });
  expect(started.status, started.text).toBe(201);
  const runId = String(started.body.id);
  made.runId = runId;
  // A retry after a lost answer starts nothing more: the same run comes back.
  const retried = await api(token, "POST", `/api/v1/projects/${projectId}/runs`, {
    json: runBody,
    headers: { "idempotency-key": key },
  });
  expect(retried.body.id).toBe(runId);
  const progress = await until(
    "the run",
    async () => (await api(token, "GET", `/api/v1/runs/${runId}`)).body,
    (run) => !["queued", "running"].includes(String(run.status)),
  );
  expect(progress.status).toBe("completed");
  const runs = await api<{ data: { id: string }[] }>(token, "GET", `/api/v1/projects/${projectId}/runs`);
  expect(runs.body.data.map((r) => r.id)).toEqual([runId]);

  const listed = await api<{ data: NodeRow[]; next_cursor: string | null }>(
    token,
    "GET",
    `/api/v1/projects/${projectId}/nodes?round=1&limit=200`,
  );
  expect(listed.status, listed.text).toBe(200);
  expect(listed.body.data).toHaveLength(6);
  const passed = listed.body.data.filter((n) => n.verdict === "passed");
  expect(passed.length, "the simulator passes most rewrites").toBeGreaterThanOrEqual(2);
  made.nodeId = passed[0]!.id;

  const tree = await api<{ data?: unknown; nodes?: { id: string; parent_id: string | null }[] }>(
    token,
    "GET",
    `/api/v1/nodes/${passed[0]!.id}/tree`,
  );
  expect(tree.status, tree.text).toBe(200);
  expect(tree.text).toContain(passed[0]!.id);

  // One by one, as a script reviewing its own rules would…
  const first = await api(token, "POST", `/api/v1/nodes/${passed[0]!.id}/decision`, { json: { decision: "accept" } });
  expect(first.status, first.text).toBe(200);
  expect(first.body).toMatchObject({ node_id: passed[0]!.id, decision: "accept", human_status: "accepted" });
  // … then the rest of the passing ones in bulk, with the count it confirmed.
  const scope = { kind: "filter", filter: { round: 1, verdict: "passed", status: "unreviewed" } };
  const count = await api(token, "POST", `/api/v1/projects/${projectId}/decisions/bulk/count`, { json: { scope } });
  expect(count.status, count.text).toBe(200);
  expect(count.body.count).toBe(passed.length - 1);
  const wrong = await api(token, "POST", `/api/v1/projects/${projectId}/decisions/bulk`, {
    json: { decision: "accept", scope, confirm_count: passed.length + 5 },
  });
  expect(wrong.status).toBe(409);
  const bulk = await api(token, "POST", `/api/v1/projects/${projectId}/decisions/bulk`, {
    json: { decision: "accept", scope, confirm_count: passed.length - 1 },
  });
  expect(bulk.status, bulk.text).toBe(201);
  made.bulkId = String(bulk.body.bulk_action_id);
  const accepted = await api<{ data: NodeRow[] }>(
    token,
    "GET",
    `/api/v1/projects/${projectId}/nodes?status=accepted&limit=200`,
  );
  expect(accepted.body.data.map((n) => n.id).sort()).toEqual(passed.map((n) => n.id).sort());

  // The accepted nodes' whole texts, from the node endpoint, to check the file against.
  const expected = new Map<string, string>();
  for (const node of passed) {
    const one = await api<{ instruction: { text: string; truncated: boolean }; answer: { text: string | null } }>(
      token,
      "GET",
      `/api/v1/nodes/${node.id}`,
    );
    expect(one.status, one.text).toBe(200);
    expect(one.body.instruction.truncated).toBe(false);
    expected.set(one.body.instruction.text, one.body.answer.text ?? "");
  }

  const exported = await api(token, "POST", `/api/v1/projects/${projectId}/exports`, {
    json: { status: "accepted", format: "alpaca", includeSeeds: false },
  });
  expect(exported.status, exported.text).toBe(201);
  const exportId = String(exported.body.id);
  made.exportId = exportId;
  const finished = await until(
    "the export",
    async () => (await api(token, "GET", `/api/v1/exports/${exportId}`)).body,
    (row) => row.status === "done" || row.status === "failed",
  );
  expect(finished).toMatchObject({ status: "done", records_written: passed.length });

  const link = await api<{ id: string; url: string }>(token, "POST", `/api/v1/exports/${exportId}/links`, {
    json: { days: 1 },
  });
  expect(link.status, link.text).toBe(201);
  made.linkId = link.body.id;
  expect(link.body.url.startsWith(`${E2E_BASE_URL}/api/v1/links/`)).toBe(true);
  // No header, no cookie: the link is its own authority, as datasets, pandas or curl use it.
  const download = await fetch(link.body.url);
  expect(download.status).toBe(200);
  const file = await download.text();
  const records = file
    .split("\n")
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  expect(records).toHaveLength(passed.length);
  for (const record of records) {
    expect(Object.keys(record)).toEqual(expect.arrayContaining(["instruction", "input", "output"]));
    expect(expected.has(String(record.instruction)), String(record.instruction)).toBe(true);
    expect(record.output).toBe(expected.get(String(record.instruction)));
  }
  expect(new Set(records.map((r) => r.instruction)).size).toBe(passed.length);
  // The same bytes through the token-holding endpoint.
  const direct = await api(token, "GET", `/api/v1/exports/${exportId}/file`);
  expect(direct.status).toBe(200);
  expect(direct.text).toBe(file);
});

interface Operation {
  "x-role"?: string;
  security?: unknown[];
  requestBody?: { required?: boolean; content: Record<string, unknown> };
}

/** Valid bodies for the endpoints an annotator may call, so their refusal is the project's (404), not the body's. */
const VALID_BODIES: Record<string, unknown> = {
  "POST /api/v1/nodes/{nodeId}/decision": { decision: "accept" },
  "POST /api/v1/projects/{projectId}/decisions/bulk/count": { scope: { kind: "filter", filter: {} } },
  "POST /api/v1/projects/{projectId}/decisions/bulk": {
    decision: "accept",
    scope: { kind: "filter", filter: {} },
    confirm_count: 1,
  },
};

test("every operation over HTTP refuses a missing, revoked or expired token, a read token writing, and another's project", async ({
  page,
}) => {
  test.setTimeout(240_000);
  expect(made.projectId, "runs after the pipeline test").toBeTruthy();
  const admin = cliToken(ADMIN.email, "write");
  const adminRead = cliToken(ADMIN.email, "read");
  const revokedName = uniqueName("revoked");
  const expiredName = uniqueName("expired");
  const revoked = cliToken(ADMIN.email, "write", revokedName);
  const expired = cliToken(ADMIN.email, "write", expiredName);
  const db = await connectE2eDatabase();
  try {
    await db.query(`UPDATE api_tokens SET revoked_at = now() WHERE name = $1`, [revokedName]);
    await db.query(`UPDATE api_tokens SET expires_at = now() - interval '1 minute' WHERE name = $1`, [expiredName]);
  } finally {
    await db.end();
  }
  // An annotator of no project of the pipeline's.
  await signIn(page, ADMIN);
  const annotator = { email: `${uniqueName("outsider").replace(/\W+/g, "-")}@e2e.test`, password: "outsider-pass" };
  await createAnnotator(page, annotator);
  const outsider = cliToken(annotator.email, "write");

  const before = (await api(admin, "GET", `/api/v1/projects/${made.projectId}`)).body;
  const document = (
    await api<{ paths: Record<string, Record<string, Operation>> }>(null, "GET", "/api/v1/openapi.json")
  ).body;
  const ids: Record<string, string> = {
    projectId: made.projectId!,
    runId: made.runId!,
    nodeId: made.nodeId!,
    exportId: made.exportId!,
    linkId: made.linkId!,
    bulkId: made.bulkId!,
  };
  let checked = 0;
  for (const [template, methods] of Object.entries(document.paths)) {
    for (const [lower, operation] of Object.entries(methods)) {
      if (operation["x-role"] === "public") continue;
      const method = lower.toUpperCase();
      const name = `${method} ${template}`;
      const path = template.replace(/\{(\w+)\}/g, (_, segment: string) => {
        expect(ids[segment], `an id for {${segment}} of ${name}`).toBeTruthy();
        return ids[segment]!;
      });
      const body = VALID_BODIES[name] ?? (operation.requestBody ? {} : undefined);
      const send = (token: string | null) => api(token, method, path, body === undefined ? {} : { json: body });
      const code = async (token: string | null) => {
        const answer = await send(token);
        const error = (answer.body as { error?: { code?: string } } | null)?.error;
        return method === "HEAD" ? String(answer.status) : `${answer.status} ${String(error?.code)}`;
      };
      const head = (status: number, errorCode: string) =>
        method === "HEAD" ? String(status) : `${status} ${errorCode}`;
      expect(await code(null), `${name} without a token`).toBe(head(401, "UNAUTHENTICATED"));
      expect(await code(revoked), `${name} with a revoked token`).toBe(head(401, "UNAUTHENTICATED"));
      expect(await code(expired), `${name} with an expired token`).toBe(head(401, "UNAUTHENTICATED"));
      const writes = !["GET", "HEAD"].includes(method);
      if (writes) expect(await code(adminRead), `${name} with a read token`).toBe(head(403, "FORBIDDEN"));
      if (operation["x-role"] === "admin") {
        expect(await code(outsider), `${name} with an annotator's token`).toBe(head(403, "FORBIDDEN"));
      } else if (/\{(projectId|runId|nodeId|exportId)\}/.test(template)) {
        expect(await code(outsider), `${name} outside the annotator's projects`).toBe(head(404, "NOT_FOUND"));
      }
      checked++;
    }
  }
  expect(checked).toBeGreaterThanOrEqual(25);
  // Nothing the refused requests sent changed the project.
  expect((await api(admin, "GET", `/api/v1/projects/${made.projectId}`)).body).toEqual(before);
  const runs = await api<{ data: { id: string }[] }>(admin, "GET", `/api/v1/projects/${made.projectId}/runs`);
  expect(runs.body.data.map((r) => r.id)).toEqual([made.runId]);
  const link = await api(admin, "GET", `/api/v1/exports/${made.exportId}`);
  expect(link.body.status).toBe("done");
});

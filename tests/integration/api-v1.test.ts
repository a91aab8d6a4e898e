// The REST API under /api/v1 through its route handlers with real Requests
// on a real Postgres: each endpoint with a read and a write token, another
// user's project, expired, revoked and disabled-owner tokens, bad bodies
// (400 with details), an over-size body (413) and the rate limit (429).
// e2e/api-tokens.spec.ts repeats the essentials against the built app.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { API_BASE, apiRouteFiles, apiToken, callApi, expectApiError, MISSING_ID } from "@/tests/fixtures/api-client";
import { createTestUser, signInCookie, type TestUser } from "@/tests/fixtures/users";
import { setupTestDatabase } from "@/tests/setup/test-database";

process.env.API_MAX_BODY_BYTES = "2048";
process.env.API_RATE_LIMIT_PER_MINUTE = "1000";
await setupTestDatabase();
const { getPrisma } = await import("@/lib/server/db/prisma");
const { revokeApiToken } = await import("@/lib/server/api-tokens/revoke-api-token");
const projects = await import("@/app/api/v1/projects/route");
const project = await import("@/app/api/v1/projects/[projectId]/route");
const openapi = await import("@/app/api/v1/openapi.json/route");

let admin: TestUser;
let annotator: TestUser;
let mine: { id: string; name: string };
let theirs: { id: string };
const secrets: Record<string, string> = {};

const listProjects = (secret: string, query = "") => callApi(projects.GET, { secret, path: `/projects${query}` });
const createProject = (secret: string, body: string) =>
  callApi(projects.POST, { secret, path: "/projects", method: "POST", body });
const getProject = (secret: string, projectId: string) =>
  callApi(project.GET, { secret, path: `/projects/${projectId}`, params: { projectId } });

beforeAll(async () => {
  admin = await createTestUser("admin");
  annotator = await createTestUser("annotator");
  const prisma = getPrisma();
  mine = await prisma.project.create({ data: { name: `api mine ${Date.now()}` } });
  theirs = await prisma.project.create({ data: { name: `api theirs ${Date.now()}` } });
  await prisma.projectMember.create({ data: { projectId: mine.id, userId: annotator.id } });
  secrets.annotatorRead = (await apiToken(annotator, "read")).secret;
  secrets.annotatorWrite = (await apiToken(annotator, "write")).secret;
  secrets.adminRead = (await apiToken(admin, "read")).secret;
  secrets.adminWrite = (await apiToken(admin, "write")).secret;
});

describe("the routes under app/api/v1", () => {
  it("are all built by defineApiRoute, and a tests/integration/api-v1*.test.ts file imports each of them", async () => {
    const tests = await readdir(path.resolve("tests/integration"));
    const sources = await Promise.all(
      tests
        .filter((f) => /^api-v1.*\.test\.ts$/.test(f))
        .map((f) => readFile(path.resolve("tests/integration", f), "utf8")),
    );
    const routes = await apiRouteFiles();
    expect(routes.map((r) => r.file)).toEqual(
      expect.arrayContaining(["projects/[projectId]/route.ts", "projects/route.ts"]),
    );
    for (const { file, absolute } of routes) {
      const source = await readFile(absolute, "utf8");
      for (const match of source.matchAll(/export const (GET|POST|PUT|PATCH|DELETE) = (\w+)\(/g))
        expect(match[2], `${file} ${match[1]}`).toBe("defineApiRoute");
      expect(source).not.toMatch(/export (async )?function (GET|POST|PUT|PATCH|DELETE)/);
      const importPath = `@/app/api/v1/${file.replace(/\.ts$/, "")}`;
      expect(
        sources.some((test) => test.includes(`"${importPath}"`)),
        `${importPath} is imported by an api-v1 test`,
      ).toBe(true);
    }
  });

  it("are in the OpenAPI document from the schemas they validate with (every route: api-v1-openapi.test.ts)", async () => {
    const response = openapi.GET();
    expect(response.status).toBe(200);
    const document = (await response.json()) as {
      openapi: string;
      paths: Record<string, Record<string, { parameters: { name: string; in: string }[]; requestBody?: unknown }>>;
    };
    expect(document.openapi).toBe("3.1.0");
    const list = document.paths["/api/v1/projects"]!;
    expect(list.get!.parameters.map((p) => `${p.in}:${p.name}`)).toEqual(["query:limit", "query:cursor"]);
    expect(list.post!.requestBody).toMatchObject({
      content: {
        "application/json": {
          schema: { properties: { name: { type: "string", maxLength: 120 } }, required: ["name"] },
        },
      },
    });
    expect(document.paths["/api/v1/projects/{projectId}"]!.get!.parameters).toEqual([
      expect.objectContaining({ name: "projectId", in: "path", required: true }),
    ]);
  });
});

describe("authentication", () => {
  it("refuses no token, a session cookie alone, a malformed and an unknown token (401, with WWW-Authenticate)", async () => {
    const missing = await callApi(projects.GET, { path: "/projects" });
    const error = await expectApiError(missing, 401, "UNAUTHENTICATED");
    expect(error.message).toContain("Authorization: Bearer");
    expect(missing.headers.get("www-authenticate")).toMatch(/^Bearer/);
    const cookie = await signInCookie(admin);
    await expectApiError(
      await callApi(projects.GET, { path: "/projects", headers: { cookie } }),
      401,
      "UNAUTHENTICATED",
    );
    await expectApiError(await listProjects("evs_nope"), 401, "UNAUTHENTICATED");
    await expectApiError(await listProjects(`evs_${"x".repeat(43)}`), 401, "UNAUTHENTICATED");
  });

  it("refuses a revoked token, an expired one and a disabled owner's, on every endpoint", async () => {
    const revoked = await apiToken(annotator, "write");
    await revokeApiToken({ tokenId: revoked.id, actor: { id: annotator.id, role: "annotator" } });
    const expired = await apiToken(annotator, "write", { expiresAt: new Date(Date.now() + 1_000) });
    await getPrisma().apiToken.update({ where: { id: expired.id }, data: { expiresAt: new Date(Date.now() - 1) } });
    const owner = await createTestUser("admin");
    const ofDisabled = await apiToken(owner, "write");
    await getPrisma().user.update({ where: { id: owner.id }, data: { banned: true } });
    const cases: [string, string][] = [
      [revoked.secret, "revoked"],
      [expired.secret, "expired"],
      [ofDisabled.secret, "disabled"],
    ];
    for (const [secret, word] of cases) {
      expect((await expectApiError(await listProjects(secret), 401, "UNAUTHENTICATED")).message).toContain(word);
      await expectApiError(await getProject(secret, mine.id), 401, "UNAUTHENTICATED");
      await expectApiError(await createProject(secret, JSON.stringify({ name: "never" })), 401, "UNAUTHENTICATED");
    }
    expect(await getPrisma().project.count({ where: { name: "never" } })).toBe(0);
  });
});

describe("GET /api/v1/projects", () => {
  it("lists the projects the token's owner reaches, with a read token", async () => {
    const response = await listProjects(secrets.annotatorRead!);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { data: { id: string }[]; next_cursor: string | null };
    expect(body).toEqual({
      data: [{ id: mine.id, name: mine.name, description: "", created_at: expect.any(String) }],
      next_cursor: null,
    });
  });

  it("lists only the projects a limited token names", async () => {
    const limited = await apiToken(admin, "read", { projectIds: [theirs.id] });
    const body = (await (await listProjects(limited.secret)).json()) as { data: { id: string }[] };
    expect(body.data.map((p) => p.id)).toEqual([theirs.id]);
  });

  it("walks every project page by page with next_cursor, and refuses a bad limit or cursor (400)", async () => {
    const prisma = getPrisma();
    for (let i = 0; i < 3; i++) await prisma.project.create({ data: { name: `api page ${Date.now()}-${i}` } });
    const all = await prisma.project.findMany({ orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `?limit=2${cursor ? `&cursor=${cursor}` : ""}`;
      const page = (await (await listProjects(secrets.adminRead!, query)).json()) as {
        data: { id: string }[];
        next_cursor: string | null;
      };
      expect(page.data.length).toBeLessThanOrEqual(2);
      seen.push(...page.data.map((p) => p.id));
      cursor = page.next_cursor;
    } while (cursor);
    expect(seen).toEqual(all.map((p) => p.id));

    const tooMany = await expectApiError(await listProjects(secrets.adminRead!, "?limit=500"), 400, "INVALID");
    expect(tooMany).toMatchObject({ message: "limit: limit must be at most 200.", details: { source: "query" } });
    await expectApiError(await listProjects(secrets.adminRead!, "?cursor=bogus"), 400, "INVALID");
  });
});

describe("POST /api/v1/projects", () => {
  it("creates the project with an admin's write token (201), audited as the owner with the token", async () => {
    const writeToken = await apiToken(admin, "write");
    const name = `api created ${Date.now()}`;
    const response = await createProject(writeToken.secret, JSON.stringify({ name, description: "from the API" }));
    expect(response.status, await response.clone().text()).toBe(201);
    const created = (await response.json()) as { id: string; name: string };
    expect(created).toEqual({
      id: expect.any(String),
      name,
      description: "from the API",
      created_at: expect.any(String),
    });
    const prisma = getPrisma();
    expect(await prisma.project.findUnique({ where: { id: created.id } })).toMatchObject({ createdById: admin.id });
    const audit = await prisma.auditEvent.findMany({ where: { actorId: admin.id }, orderBy: { id: "desc" }, take: 2 });
    expect(audit.map((a) => a.action).sort()).toEqual(["api.write", "project.create"]);
    expect(audit.find((a) => a.action === "api.write")).toMatchObject({
      targetType: "api_token",
      targetId: writeToken.id,
      data: { method: "POST", path: "/api/v1/projects", status: 201 },
    });
  });

  it("refuses a read token and an annotator's write token (403), creating nothing", async () => {
    const before = await getPrisma().project.count();
    const audit = await getPrisma().auditEvent.count();
    const body = JSON.stringify({ name: `refused ${Date.now()}` });
    expect((await expectApiError(await createProject(secrets.adminRead!, body), 403, "FORBIDDEN")).message).toContain(
      "read-only",
    );
    await expectApiError(await createProject(secrets.annotatorWrite!, body), 403, "FORBIDDEN");
    expect(await getPrisma().project.count()).toBe(before);
    expect(await getPrisma().auditEvent.count()).toBe(audit);
  });

  it("answers bad bodies with 400 and the field's error, an over-size body with 413, a taken name with 409", async () => {
    const blank = await expectApiError(await createProject(secrets.adminWrite!, '{"name": "  "}'), 400, "INVALID");
    expect(blank).toMatchObject({
      message: "name: A project needs a name.",
      details: { source: "body", fieldErrors: { name: ["A project needs a name."] } },
    });
    const missing = await expectApiError(await createProject(secrets.adminWrite!, "{}"), 400, "INVALID");
    expect(missing.details).toMatchObject({ source: "body", fieldErrors: { name: [expect.any(String)] } });
    const notJson = await expectApiError(await createProject(secrets.adminWrite!, "{name:"), 400, "INVALID");
    expect(notJson.message).toBe("The request body must be JSON.");
    const huge = JSON.stringify({ name: "x", description: "y".repeat(3000) });
    const tooLarge = await expectApiError(await createProject(secrets.adminWrite!, huge), 413, "TOO_LARGE");
    expect(tooLarge.details).toEqual({ maxBytes: 2048 });
    // A body whose Content-Length says little but that sends more is cut off too.
    const stream = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(huge));
        controller.close();
      },
    });
    const streamed = new Request(`${API_BASE}/projects`, {
      method: "POST",
      headers: { authorization: `Bearer ${secrets.adminWrite}`, "content-type": "application/json" },
      body: stream,
      duplex: "half",
    } as RequestInit);
    await expectApiError(await projects.POST(streamed, { params: Promise.resolve({}) }), 413, "TOO_LARGE");
    const taken = await expectApiError(
      await createProject(secrets.adminWrite!, JSON.stringify({ name: mine.name })),
      409,
      "CONFLICT",
    );
    expect(taken.message).toContain("already exists");
  });
});

describe("GET /api/v1/projects/{id}", () => {
  it("answers the owner's project with its counts, with a read token", async () => {
    const response = await getProject(secrets.annotatorRead!, mine.id);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      id: mine.id,
      name: mine.name,
      description: "",
      created_at: expect.any(String),
      counts: { seeds: 0, evolved: 0, accepted: 0, rejected: 0, runs: 0, imports: 0 },
    });
  });

  it("answers another user's project, one outside the token's limit and an unknown one alike (404)", async () => {
    const a = await expectApiError(await getProject(secrets.annotatorRead!, theirs.id), 404, "NOT_FOUND");
    const limited = await apiToken(admin, "read", { projectIds: [theirs.id] });
    const b = await expectApiError(await getProject(limited.secret, mine.id), 404, "NOT_FOUND");
    const c = await expectApiError(await getProject(secrets.adminRead!, MISSING_ID), 404, "NOT_FOUND");
    expect(new Set([a.message, b.message, c.message]).size).toBe(1);
    await expectApiError(await getProject(secrets.adminRead!, "not-a-uuid"), 400, "INVALID");
  });
});

describe("rate limit", () => {
  it("answers 429 with Retry-After once a token used up its minute, and counts per token", async () => {
    const busy = await apiToken(annotator, "read");
    expect((await listProjects(busy.secret)).status).toBe(200);
    // Spend the rest of this minute's requests at once rather than sending 1,000 of them.
    await getPrisma().apiRateWindow.update({ where: { tokenId: busy.id }, data: { requests: 1000 } });
    const refused = await listProjects(busy.secret);
    const error = await expectApiError(refused, 429, "RATE_LIMITED");
    const retryAfter = Number(refused.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(error.details).toEqual({ limitPerMinute: 1000, retryAfterSeconds: retryAfter });
    // Another token of the same owner has its own count.
    expect((await listProjects(secrets.annotatorRead!)).status).toBe(200);
  });
});

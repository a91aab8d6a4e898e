// Every route handler under app/api is a public URL: signed-out callers,
// forged cookies and annotators on admin routes must be refused (not a
// crash, not a side effect), malformed ids refused as bad requests, and an
// unknown project answered 404, before any handler work. The table below
// must name every route.ts; better-auth's own handler, the health check
// (for load balancers, which have no session) and signed dataset links (for
// curl and datasets, which carry the secret in the URL) are the only public routes.
// The rest of the REST API under app/api/v1 takes API tokens, not sessions: its
// routes are built by defineApiRoute and checked in tests/integration/api-v1.test.ts.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createExportProject } from "@/tests/fixtures/export-project";
import { actAs } from "@/tests/fixtures/request-context";
import { createTestUser, signInCookie, type TestUser } from "@/tests/fixtures/users";
import { withTemporaryDataDir } from "@/tests/fixtures/temporary-data-dir";
import { setupTestDatabase } from "@/tests/setup/test-database";

vi.mock("next/headers", () => import("@/tests/fixtures/next-headers"));

await setupTestDatabase();
// Exports made by the cases below write their files here, not into the project's data folder.
await withTemporaryDataDir("route-authz");
const { getPrisma } = await import("@/lib/server/db/prisma");
const { createExport } = await import("@/lib/server/export/create-export");
const { runExport } = await import("@/lib/server/export/run-export");
const { exportOptionsSchema } = await import("@/lib/validation/export");
const { stopBoss } = await import("@/lib/server/jobs/boss");
afterAll(() => stopBoss());

const API = path.resolve("app/api");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"] as const;
type Method = (typeof METHODS)[number];
type Handler = (request: Request, context: { params: Promise<unknown> }) => Promise<Response>;
type Params = Record<string, string>;

const MISSING = "0196f0c4-0000-7000-8000-000000000000";
let admin: TestUser;
let adminCookie: string;
let annotatorCookie: string;
/** An annotator of another project only. */
let outsiderCookie: string;
let fixture: Awaited<ReturnType<typeof createExportProject>>;
let exportId: string;

interface RouteCase {
  load: () => Promise<object>;
  role: "admin" | "any";
  /** The request each method is called with (its body, if any, is valid). */
  methods: Partial<Record<Method, (url: string) => Request>>;
  /** Segments that name things that exist: an admin gets through with them. */
  params: () => Params;
  /** The same segments, one of them not an id at all. */
  badParams: () => Params;
  /** Well-formed segments whose project (or the run that names it) does not exist. */
  unknownProject: () => Params;
}

const get = (url: string) => new Request(url);
function exportForm(url: string) {
  const form = new FormData();
  form.set("options", JSON.stringify({ status: "all", format: "alpaca" }));
  return new Request(url, { method: "POST", body: form });
}

/** Routes open to anyone, and what their source must contain to be the route we mean. */
const PUBLIC = new Map([
  ["auth/[...all]", "toNextJsHandler(getAuth())"],
  // It says only whether the database, the queue and the workers are up (lib/server/health/check-health.ts).
  ["health", "await checkHealth()"],
  // A signed dataset link: its secret is the authority, and every refusal is one 404 (tests/integration/export-links.test.ts).
  ["v1/links/[secret]/[fileName]", "export const GET = withOpenApiOperation(downloadByLink, "],
]);
const cases: Record<string, RouteCase> = {
  "projects/[projectId]/review-queue": {
    load: () => import("@/app/api/projects/[projectId]/review-queue/route"),
    role: "any",
    methods: { GET: (url) => get(`${url}?status=any&after=${fixture.nodes.S1.id}`) },
    params: () => ({ projectId: fixture.project.id }),
    badParams: () => ({ projectId: "not-a-uuid" }),
    unknownProject: () => ({ projectId: MISSING }),
  },
  "projects/[projectId]/nodes/[nodeId]/text": {
    load: () => import("@/app/api/projects/[projectId]/nodes/[nodeId]/text/route"),
    role: "any",
    methods: { GET: (url) => get(`${url}?field=instruction&offset=0`) },
    params: () => ({ projectId: fixture.project.id, nodeId: fixture.nodes.S1.id }),
    badParams: () => ({ projectId: fixture.project.id, nodeId: "not-a-uuid" }),
    unknownProject: () => ({ projectId: MISSING, nodeId: fixture.nodes.S1.id }),
  },
  "projects/[projectId]/nodes/[nodeId]/decision": {
    load: () => import("@/app/api/projects/[projectId]/nodes/[nodeId]/decision/route"),
    role: "any",
    methods: {
      POST: (url) => {
        // Node A is already accepted: an accept that gets through leaves its status as it was.
        const form = new FormData();
        form.set("decision", JSON.stringify({ decision: "accept" }));
        return new Request(url, { method: "POST", body: form });
      },
    },
    params: () => ({ projectId: fixture.project.id, nodeId: fixture.nodes.A.id }),
    badParams: () => ({ projectId: fixture.project.id, nodeId: "not-a-uuid" }),
    unknownProject: () => ({ projectId: MISSING, nodeId: fixture.nodes.A.id }),
  },
  "projects/[projectId]/exports/[exportId]": {
    load: () => import("@/app/api/projects/[projectId]/exports/[exportId]/route"),
    role: "admin",
    methods: { GET: get },
    params: () => ({ projectId: fixture.project.id, exportId }),
    badParams: () => ({ projectId: fixture.project.id, exportId: "../../etc" }),
    unknownProject: () => ({ projectId: MISSING, exportId }),
  },
  "projects/[projectId]/exports/[exportId]/download": {
    load: () => import("@/app/api/projects/[projectId]/exports/[exportId]/download/route"),
    role: "admin",
    methods: { GET: get },
    params: () => ({ projectId: fixture.project.id, exportId }),
    badParams: () => ({ projectId: "1; DROP TABLE exports", exportId }),
    unknownProject: () => ({ projectId: MISSING, exportId }),
  },
  "projects/[projectId]/exports/stream": {
    load: () => import("@/app/api/projects/[projectId]/exports/stream/route"),
    role: "admin",
    methods: { POST: exportForm },
    params: () => ({ projectId: fixture.project.id }),
    badParams: () => ({ projectId: "not-a-uuid" }),
    unknownProject: () => ({ projectId: MISSING }),
  },
  "projects/[projectId]/exports/near-duplicates": {
    load: () => import("@/app/api/projects/[projectId]/exports/near-duplicates/route"),
    role: "admin",
    methods: {
      POST: (url) => {
        const form = new FormData();
        form.set("request", JSON.stringify({ selection: { status: "all" }, threshold: 0.8 }));
        return new Request(url, { method: "POST", body: form });
      },
    },
    params: () => ({ projectId: fixture.project.id }),
    badParams: () => ({ projectId: "not-a-uuid" }),
    unknownProject: () => ({ projectId: MISSING }),
  },
  "runs/[runId]/progress": {
    load: () => import("@/app/api/runs/[runId]/progress/route"),
    role: "any",
    methods: { GET: get },
    params: () => ({ runId: fixture.runs.run1 }),
    badParams: () => ({ runId: "42" }),
    unknownProject: () => ({ runId: MISSING }),
  },
};

/** route.ts files under app/api, as their folder relative to it. */
async function findRoutes(): Promise<string[]> {
  const entries = await readdir(API, { recursive: true });
  return entries
    .filter((entry) => path.basename(entry) === "route.ts")
    .map((entry) => path.dirname(entry).split(path.sep).join("/"))
    .filter((route) => !route.startsWith("v1/") || PUBLIC.has(route))
    .sort();
}

async function call(
  name: string,
  method: Method,
  params: Params,
  headers: Record<string, string> = {},
): Promise<Response> {
  const handler = ((await cases[name].load()) as Record<string, Handler>)[method]!;
  const url = `http://localhost/api/${name.replace(/\[(\w+)\]/g, (_, key: string) => encodeURIComponent(params[key]))}`;
  const request = cases[name].methods[method]!(url);
  for (const [key, value] of Object.entries(headers)) request.headers.set(key, value);
  return handler(request, { params: Promise.resolve(params) });
}

/** What a refused call must not have changed. */
async function sideEffects() {
  const prisma = getPrisma();
  const [exports, audit, reviews] = await Promise.all([
    prisma.export.count(),
    prisma.auditEvent.count(),
    prisma.review.count(),
  ]);
  return { exports, audit, reviews };
}

async function expectRefused(response: Response, status: number, code: string) {
  expect(response.status).toBe(status);
  expect(response.headers.get("cache-control")).toBe("no-store");
  expect(await response.json()).toMatchObject({ error: { code, message: expect.any(String) } });
}

beforeAll(async () => {
  admin = await createTestUser("admin");
  const annotator = await createTestUser("annotator");
  adminCookie = await signInCookie(admin);
  annotatorCookie = await signInCookie(annotator);
  fixture = await createExportProject({ admin, annotator });
  const prisma = getPrisma();
  await prisma.projectMember.create({ data: { projectId: fixture.project.id, userId: annotator.id } });
  const outsider = await createTestUser("annotator");
  outsiderCookie = await signInCookie(outsider);
  const elsewhere = await prisma.project.create({ data: { name: `elsewhere ${Date.now()}` } });
  await prisma.projectMember.create({ data: { projectId: elsewhere.id, userId: outsider.id } });
  const created = await createExport({
    projectId: fixture.project.id,
    options: exportOptionsSchema.parse({ status: "all", format: "csv" }),
    actorId: admin.id,
    enqueue: false,
  });
  exportId = created.exportId;
  await runExport({ exportId });
});

describe("route handler authorization", () => {
  it("covers every route.ts under app/api, each method built by defineRoute (but the public ones)", async () => {
    const found = await findRoutes();
    expect(found).toEqual([...PUBLIC.keys(), ...Object.keys(cases)].sort());
    for (const name of found) {
      const source = await readFile(path.join(API, name, "route.ts"), "utf8");
      const exported = METHODS.filter((m) => new RegExp(`export (const|(async )?function) ${m}\\b`).test(source));
      if (PUBLIC.has(name)) {
        expect(source, `${name} is the public route we mean`).toContain(PUBLIC.get(name));
        continue;
      }
      expect(exported.sort(), `${name}: methods in the table`).toEqual(Object.keys(cases[name].methods).sort());
      for (const method of exported)
        expect(source, `${name} ${method} must be built by defineRoute`).toMatch(
          new RegExp(`export const ${method} = defineRoute\\(`),
        );
    }
  });

  it("builds every route of the token API (app/api/v1) with defineApiRoute, never defineRoute", async () => {
    const entries = await readdir(path.join(API, "v1"), { recursive: true });
    // The OpenAPI document is public, like any documentation: it names no data.
    const openapi = path.join("openapi.json", "route.ts");
    expect(await readFile(path.join(API, "v1", openapi), "utf8")).toContain("apiDocument()");
    // Signed links are public too (see PUBLIC above).
    const routes = entries.filter(
      (entry) =>
        path.basename(entry) === "route.ts" &&
        entry !== openapi &&
        !PUBLIC.has(`v1/${path.dirname(entry).split(path.sep).join("/")}`),
    );
    expect(routes.length).toBeGreaterThan(0);
    for (const route of routes) {
      const source = await readFile(path.join(API, "v1", route), "utf8");
      const exported = [...source.matchAll(/export (?:const|(?:async )?function) (GET|POST|PUT|PATCH|DELETE)\b/g)];
      expect(exported.length, route).toBeGreaterThan(0);
      for (const [, method] of exported)
        expect(source, `v1/${route} ${method}`).toMatch(new RegExp(`export const ${method} = defineApiRoute\\(`));
    }
  });

  it("leaves better-auth's route public: it answers a visitor without a session", async () => {
    actAs(null);
    const { GET } = await import("@/app/api/auth/[...all]/route");
    const response = await GET(new Request("http://localhost/api/auth/get-session"));
    expect(response.status).toBe(200);
    expect(await response.json()).toBeNull();
  });

  it("leaves the health check public: it answers a visitor without a session, saying only what is up", async () => {
    actAs(null);
    const { GET } = await import("@/app/api/health/route");
    const response = await GET();
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(Object.keys(body).sort()).toEqual(["checks", "status"]);
    expect(Object.keys(body.checks).sort()).toEqual(["database", "queue", "workers"]);
    expect(JSON.stringify(body)).not.toMatch(/@|postgres|127\.0\.0\.1|password/i);
  });

  it("leaves signed links public, answering an unknown secret 404 without saying more", async () => {
    actAs(null);
    const { GET, HEAD } = await import("@/app/api/v1/links/[secret]/[fileName]/route");
    const url = `http://localhost/api/v1/links/${"x".repeat(43)}/data.jsonl`;
    const params = { params: Promise.resolve({ secret: "x".repeat(43), fileName: "data.jsonl" }) };
    for (const handler of [GET, HEAD]) await expectRefused(await handler(new Request(url), params), 404, "NOT_FOUND");
  });

  describe.each(
    Object.entries(cases).flatMap(([name, c]) =>
      Object.keys(c.methods).map((method) => [name, method as Method] as const),
    ),
  )("%s %s", (name, method) => {
    const role = cases[name].role;

    it("refuses a caller without a session (401), changing nothing", async () => {
      const before = await sideEffects();
      actAs(null);
      await expectRefused(await call(name, method, cases[name].params()), 401, "UNAUTHENTICATED");
      expect(await sideEffects()).toEqual(before);
    });

    it("refuses a forged session cookie (401), changing nothing", async () => {
      const before = await sideEffects();
      actAs("better-auth.session_token=forged.token");
      await expectRefused(await call(name, method, cases[name].params()), 401, "UNAUTHENTICATED");
      expect(await sideEffects()).toEqual(before);
    });

    it(role === "admin" ? "refuses an annotator (403), changing nothing" : "lets an annotator through", async () => {
      const before = await sideEffects();
      actAs(annotatorCookie);
      const response = await call(name, method, cases[name].params());
      if (role === "any") {
        expect(response.status, await response.clone().text()).toBe(200);
        await response.arrayBuffer();
        return;
      }
      await expectRefused(response, 403, "FORBIDDEN");
      expect(await sideEffects()).toEqual(before);
    });

    it(
      role === "admin"
        ? "refuses an annotator of another project (403), changing nothing"
        : "answers an annotator of another project as if the project did not exist (404), changing nothing",
      async () => {
        const before = await sideEffects();
        actAs(outsiderCookie);
        const response = await call(name, method, cases[name].params());
        if (role === "admin") await expectRefused(response, 403, "FORBIDDEN");
        else await expectRefused(response, 404, "NOT_FOUND");
        expect(await sideEffects()).toEqual(before);
      },
    );

    it.runIf(method !== "GET")(
      "refuses the request from a page of another origin, even an admin's (403), changing nothing",
      async () => {
        const before = await sideEffects();
        actAs(adminCookie);
        const params = cases[name].params();
        const foreign: Record<string, string>[] = [
          { origin: "http://localhost:3001" },
          { origin: "null" },
          { "sec-fetch-site": "same-site" },
          { "sec-fetch-site": "cross-site" },
        ];
        for (const headers of foreign) {
          const response = await call(name, method, params, headers);
          await expectRefused(response, 403, "FORBIDDEN");
        }
        expect(await sideEffects()).toEqual(before);
        // The app's own pages (APP_URL and its loopback aliases) get through.
        const own = await call(name, method, params, {
          origin: "http://127.0.0.1:3000",
          "sec-fetch-site": "same-origin",
        });
        expect(own.status, await own.clone().text()).toBe(200);
        await own.arrayBuffer();
      },
    );

    it("refuses malformed ids (400), changing nothing", async () => {
      const before = await sideEffects();
      actAs(adminCookie);
      await expectRefused(await call(name, method, cases[name].badParams()), 400, "INVALID");
      expect(await sideEffects()).toEqual(before);
    });

    it("answers an unknown project with 404, changing nothing", async () => {
      const before = await sideEffects();
      actAs(adminCookie);
      await expectRefused(await call(name, method, cases[name].unknownProject()), 404, "NOT_FOUND");
      expect(await sideEffects()).toEqual(before);
    });

    it("lets an admin through", async () => {
      actAs(adminCookie);
      const response = await call(name, method, cases[name].params());
      expect(response.status, await response.clone().text()).toBe(200);
      // Read to the end, so a streamed export finishes before the database goes.
      await response.arrayBuffer();
    });
  });
});

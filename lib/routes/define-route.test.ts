// defineRoute is the one gate of every route handler: the checks run in
// order (session, role, input, project) before any handler work, every
// refusal has the same JSON shape, domain errors get their status, and
// nothing it answers may be cached.
import { PrismaPg } from "@prisma/adapter-pg";
import { notFound } from "next/navigation";
import pg from "pg";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { ConflictError, GoneError, InvalidInputError, NotFoundError, UserFacingError } from "@/lib/server/errors";
import { actAs } from "@/tests/fixtures/request-context";
import { createTestUser, signInCookie } from "@/tests/fixtures/users";
import { freePort } from "@/tests/setup/free-port";
import { setupTestDatabase } from "@/tests/setup/test-database";

vi.mock("next/headers", () => import("@/tests/fixtures/next-headers"));

await setupTestDatabase();
const { getPrisma } = await import("@/lib/server/db/prisma");
const { defineRoute } = await import("./define-route");
const { defineAction } = await import("@/lib/actions/define-action");

let adminCookie: string;
let annotatorCookie: string;
let outsiderCookie: string;
let projectId: string;
const MISSING = "0196f0c4-0000-7000-8000-000000000000";

beforeAll(async () => {
  adminCookie = await signInCookie(await createTestUser("admin"));
  const annotator = await createTestUser("annotator");
  annotatorCookie = await signInCookie(annotator);
  outsiderCookie = await signInCookie(await createTestUser("annotator"));
  projectId = (await getPrisma().project.create({ data: { name: `define-route ${Date.now()}` } })).id;
  await getPrisma().projectMember.create({ data: { projectId, userId: annotator.id } });
});
afterEach(() => vi.restoreAllMocks());

const calls: unknown[] = [];
const projectRoute = (role: "admin" | "any", handler: () => Promise<unknown> = async () => ({ fine: true })) =>
  defineRoute({
    role,
    params: z.object({ projectId: z.uuid("Not a project id.") }),
    query: z.object({ n: z.coerce.number().int("Not a whole number.").optional() }),
    project: (params) => params.projectId,
    handler: async (input, context) => {
      calls.push({ input, user: context.user.role });
      return handler();
    },
  });

const request = (query = "", init?: RequestInit) => new Request(`http://localhost/api/test${query}`, init);
const params = (id = projectId) => ({ params: Promise.resolve({ projectId: id }) });

async function expectRefusal(response: Response, status: number, code: string, message?: string | RegExp) {
  expect(response.status).toBe(status);
  expect(response.headers.get("cache-control")).toBe("no-store");
  const body = await response.json();
  expect(body).toMatchObject({ error: { code, message: expect.any(String) } });
  expect(Object.keys(body)).toEqual(["error"]);
  if (message) expect(body.error.message).toMatch(message);
  return body.error as { code: string; message: string; details?: unknown };
}

describe("defineRoute", () => {
  it("answers the handler's data as JSON that is never cached, with the validated input and the user", async () => {
    actAs(annotatorCookie);
    calls.length = 0;
    const response = await projectRoute("any")(request("?n=3"), params());
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.json()).toEqual({ fine: true });
    expect(calls).toEqual([{ input: { params: { projectId }, query: { n: 3 }, form: undefined }, user: "annotator" }]);
  });

  it("answers an annotator who is not a member of the project as if it did not exist", async () => {
    actAs(outsiderCookie);
    calls.length = 0;
    await expectRefusal(await projectRoute("any")(request("?n=3"), params()), 404, "NOT_FOUND", "Unknown project.");
    expect(calls).toEqual([]);
  });

  it("passes a Response of the handler's own through untouched", async () => {
    actAs(adminCookie);
    const own = new Response("raw bytes", { status: 201, headers: { "content-type": "text/plain" } });
    const response = await projectRoute("admin", async () => own)(request(), params());
    expect(response).toBe(own);
  });

  it("checks the session, then the role, then the input, then the project, before the handler runs", async () => {
    calls.length = 0;
    actAs(null);
    await expectRefusal(await projectRoute("admin")(request("?n=x"), params("bad")), 401, "UNAUTHENTICATED");
    actAs("better-auth.session_token=forged.token");
    await expectRefusal(await projectRoute("any")(request(), params()), 401, "UNAUTHENTICATED", /not signed in/);
    actAs(annotatorCookie);
    await expectRefusal(await projectRoute("admin")(request("?n=x"), params("bad")), 403, "FORBIDDEN", /Only admins/);
    actAs(adminCookie);
    await expectRefusal(await projectRoute("admin")(request(), params(MISSING)), 404, "NOT_FOUND", "Unknown project.");
    // Input is checked before the project is looked up.
    const invalid = await expectRefusal(await projectRoute("admin")(request(), params("bad")), 400, "INVALID");
    expect(invalid).toEqual({
      code: "INVALID",
      message: "projectId: Not a project id.",
      details: { source: "params", fieldErrors: { projectId: ["Not a project id."] }, formErrors: [] },
    });
    const query = await expectRefusal(await projectRoute("admin")(request("?n=1.5"), params(MISSING)), 400, "INVALID");
    expect(query).toMatchObject({ message: "n: Not a whole number.", details: { source: "query" } });
    expect(calls).toEqual([]);
  });

  it("asks the project resolver, whose domain error is the answer", async () => {
    actAs(adminCookie);
    const route = defineRoute({
      role: "any",
      params: z.object({ runId: z.uuid() }),
      project: async () => {
        throw new NotFoundError("Unknown run.");
      },
      handler: async () => "never",
    });
    await expectRefusal(
      await route(request(), { params: Promise.resolve({ runId: MISSING }) }),
      404,
      "NOT_FOUND",
      "Unknown run.",
    );
  });

  it("with notFound, answers a project found through a lookup but out of reach as an unknown id", async () => {
    // A run of `projectId` (the annotator's project): the outsider must not learn that it exists.
    const route = defineRoute({
      role: "any",
      params: z.object({ runId: z.uuid() }),
      project: async ({ runId }) => {
        if (runId === MISSING) throw new NotFoundError("Unknown run.");
        return projectId;
      },
      notFound: "Unknown run.",
      handler: async () => ({ fine: true }),
    });
    const run = (id: string) => route(request(), { params: Promise.resolve({ runId: id }) });
    const SOME_RUN = "0196f0c4-0000-7000-8000-000000000001";
    actAs(outsiderCookie);
    const outside = await expectRefusal(await run(SOME_RUN), 404, "NOT_FOUND", "Unknown run.");
    const unknown = await expectRefusal(await run(MISSING), 404, "NOT_FOUND", "Unknown run.");
    expect(outside).toEqual(unknown);
    actAs(annotatorCookie);
    expect(await (await run(SOME_RUN)).json()).toEqual({ fine: true });
  });

  it("reads and validates a form body, refusing one that is not a form", async () => {
    actAs(adminCookie);
    const route = defineRoute({
      role: "admin",
      params: z.object({}),
      form: z.object({ name: z.string().min(2, "Too short.") }),
      project: null,
      handler: async ({ form }) => ({ hello: form.name }),
    });
    const post = (body: BodyInit) => route(request("", { method: "POST", body }), { params: Promise.resolve({}) });
    const form = new FormData();
    form.set("name", "Ada");
    expect(await (await post(form)).json()).toEqual({ hello: "Ada" });
    form.set("name", "A");
    expect(await expectRefusal(await post(form), 400, "INVALID")).toMatchObject({
      message: "name: Too short.",
      details: { source: "form" },
    });
    await expectRefusal(await post("{}"), 400, "INVALID", "The request body must be a form.");
  });

  it.each([
    [new NotFoundError("No such thing."), 404, "NOT_FOUND"],
    [new ConflictError("Not yet."), 409, "CONFLICT"],
    [new GoneError("Removed."), 410, "GONE"],
    [new InvalidInputError("Wrong run."), 400, "INVALID"],
    [new UserFacingError("Cannot do that."), 422, "FAILED"],
  ] as const)("answers %s with %i %s and its message", async (error, status, code) => {
    actAs(adminCookie);
    const route = projectRoute("admin", async () => {
      throw error;
    });
    await expectRefusal(await route(request(), params()), status, code, error.message);
  });

  it("answers an unknown error with a generic 500, and logs it", async () => {
    actAs(adminCookie);
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const route = projectRoute("admin", async () => {
      throw new Error("connection string with a password in it");
    });
    const body = await expectRefusal(await route(request(), params()), 500, "INTERNAL");
    expect(body.message).toBe("Something went wrong on the server; the error was logged.");
    expect(logged).toHaveBeenCalledWith("route GET /api/test failed", expect.any(Error));
  });

  it("answers 503 DATABASE_UNAVAILABLE, to be retried, when the database cannot be reached", async () => {
    actAs(adminCookie);
    const deadUrl = `postgresql://nobody:secret@127.0.0.1:${await freePort()}/gone`;
    const failures = [
      // What Prisma (through its pg adapter) and pg itself (pg-boss) throw.
      () => new PrismaClient({ adapter: new PrismaPg({ connectionString: deadUrl }) }).user.count(),
      () => new pg.Client({ connectionString: deadUrl }).connect(),
    ];
    for (const fail of failures) {
      const response = await projectRoute("admin", fail)(request(), params());
      const body = await expectRefusal(response, 503, "DATABASE_UNAVAILABLE", /database is not reachable/);
      expect(body.message).not.toMatch(/secret|127\.0\.0\.1/);
      expect(response.headers.get("retry-after")).toBe("5");
    }
  });

  it("lets Next's own control flow (notFound(), redirect()) through", async () => {
    actAs(adminCookie);
    const route = projectRoute("admin", async () => notFound());
    await expect(route(request(), params())).rejects.toThrow();
  });
});

describe("defineAction with domain errors", () => {
  it("keeps returning them as a failed result with their message", async () => {
    actAs(adminCookie);
    const action = defineAction({
      role: "admin",
      schema: z.object({}),
      project: null,
      handler: async () => {
        throw new GoneError("This export's files are no longer stored.");
      },
    });
    expect(await action({})).toEqual({
      ok: false,
      code: "FAILED",
      error: "This export's files are no longer stored.",
    });
  });
});

// The reference page's model of the OpenAPI document: every operation of
// lib/api/api-routes.ts grouped by resource, with who may call it and a curl
// example that works as written (origin, $VARIABLES, an example body).
import { describe, expect, it } from "vitest";
import { apiReference } from "./api-reference";
import { apiDocument } from "./api-routes";
import { curlExample, shellName } from "./curl-example";
import { exampleOf } from "./schema-example";

const ORIGIN = "https://evol.example.com";

describe("apiReference", () => {
  const resources = apiReference(apiDocument(), ORIGIN);
  const endpoints = resources.flatMap((r) => r.endpoints);

  it("shows every operation of the document once, grouped by resource, projects first and links included", () => {
    const document = apiDocument();
    const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(endpoints.map((e) => `${e.method} ${e.path}`).sort()).toEqual(operations.sort());
    expect(resources[0]!.tag).toBe("projects");
    expect(resources.map((r) => r.tag)).toContain("links");
    expect(new Set(endpoints.map((e) => e.id)).size).toBe(endpoints.length);
  });

  it("says who may call each endpoint and lists its parameters, body, answer and errors", () => {
    const create = endpoints.find((e) => e.method === "POST" && e.path === "/api/v1/projects")!;
    expect(create).toMatchObject({ scope: "write", role: "admin" });
    expect(create.body!.rows.map((r) => r.name)).toEqual(["name", "description"]);
    expect(create.answers[0]).toMatchObject({ status: "201", contentTypes: ["application/json"] });
    expect(create.errors.map((e) => e.status)).toEqual(["400", "401", "403", "413", "429"]);

    const list = endpoints.find((e) => e.method === "GET" && e.path === "/api/v1/projects")!;
    expect(list).toMatchObject({ scope: "read", role: "any" });
    expect(list.parameters.map((p) => `${p.in}:${p.name}:${p.required}`)).toEqual([
      "query:limit:false",
      "query:cursor:false",
    ]);
    expect(list.answers[0]!.rows.map((r) => r.name)).toContain("data[].created_at");

    const link = endpoints.find((e) => e.method === "GET" && e.path.startsWith("/api/v1/links/"))!;
    expect(link).toMatchObject({ scope: null, role: "public" });
    expect(link.parameters.find((p) => p.name === "secret")!.description).toContain("43 characters");
    expect(link.answers.map((a) => a.status)).toEqual(["200", "206"]);
    expect(link.errors.map((e) => e.status)).toEqual(["404", "416", "503"]);
  });

  it("builds curl examples with the app's origin, the token and an example body", () => {
    const byId = (id: string) => endpoints.find((e) => e.id === id)!.curl;
    expect(byId("get_projects_projectId")).toBe(
      `curl -sS "${ORIGIN}/api/v1/projects/$PROJECT_ID" \\\n  -H "Authorization: Bearer $TOKEN"`,
    );
    expect(byId("post_projects")).toBe(
      [
        `curl -sS -X POST "${ORIGIN}/api/v1/projects"`,
        `-H "Authorization: Bearer $TOKEN"`,
        `-H 'content-type: application/json'`,
        `-d '{"name":"text"}'`,
      ].join(" \\\n  "),
    );
    expect(byId("get_links_secret_fileName")).toBe(`curl -sS -O "${ORIGIN}/api/v1/links/$SECRET/$FILE_NAME"`);
    expect(byId("head_links_secret_fileName")).toBe(`curl -sS -I "${ORIGIN}/api/v1/links/$SECRET/$FILE_NAME"`);
  });
});

describe("curl examples", () => {
  it("quote a body with a single quote in it for the shell, and pass required query parameters", () => {
    const curl = curlExample({
      origin: "http://localhost:3000/",
      method: "PATCH",
      path: "/api/v1/things/{thingId}",
      token: true,
      query: [{ name: "runId" }],
      body: {
        contentType: "application/json",
        schema: { type: "object", properties: { note: { type: "string", default: "it's" } } },
      },
    });
    expect(curl).toContain(`-X PATCH "http://localhost:3000/api/v1/things/$THING_ID?runId=$RUN_ID"`);
    expect(curl).toContain(`-d '{"note":"it'\\''s"}'`);
    expect(shellName("fileName")).toBe("FILE_NAME");
  });

  it("send a file for a body of bytes, and a form's fields with the file as @path", () => {
    const bytes = { type: "string", contentMediaType: "application/octet-stream" };
    const raw = curlExample({
      origin: "http://localhost:3000",
      method: "POST",
      path: "/api/v1/projects/{projectId}/seeds/import",
      token: true,
      body: { contentType: "text/csv", schema: bytes },
    });
    expect(raw.split(" \\\n  ").slice(-2)).toEqual([`-H 'content-type: text/csv'`, `--data-binary "@$FILE_PATH"`]);
    const form = curlExample({
      origin: "http://localhost:3000",
      method: "POST",
      path: "/api/v1/uploads",
      token: true,
      body: {
        contentType: "multipart/form-data",
        schema: { type: "object", properties: { file: bytes, format: { type: "string", enum: ["csv", "jsonl"] } } },
      },
    });
    expect(form.split(" \\\n  ").slice(-2)).toEqual([`-F "file=@$FILE_PATH"`, `-F 'format=csv'`]);
  });

  it("make bodies of valid example values: defaults, enums, formats, bounds, nested required fields", () => {
    expect(
      exampleOf({
        type: "object",
        required: ["id", "kind", "count", "tags", "inner", "at"],
        properties: {
          id: { type: "string", format: "uuid" },
          kind: { type: "string", enum: ["b", "a"] },
          count: { type: "integer", minimum: 3, maximum: 9 },
          tags: { type: "array", items: { type: "string", minLength: 6 }, minItems: 2 },
          inner: { type: "object", required: ["ok"], properties: { ok: { type: "boolean" }, no: { type: "string" } } },
          at: { anyOf: [{ type: "null" }, { type: "string", format: "date-time" }] },
          skipped: { type: "string" },
        },
      }),
    ).toEqual({
      id: "0196f0c4-0000-7000-8000-000000000000",
      kind: "b",
      count: 3,
      tags: ["textxx", "textxx"],
      inner: { ok: true },
      at: "2026-01-01T00:00:00.000Z",
    });
  });
});

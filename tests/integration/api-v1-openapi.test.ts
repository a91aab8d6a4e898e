// The OpenAPI document of /api/v1 (app/api/v1/openapi.json): valid OpenAPI 3.1
// by the specification's own JSON Schema (@seriousme/openapi-schema-validator),
// every route file under app/api/v1 in it with exactly its methods, the public
// signed-link download included with its hand-written operations (GET, HEAD:
// no security, Range, 200/206/404/416 and their content types).
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { Validator } from "@seriousme/openapi-schema-validator";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { callApi } from "@/tests/fixtures/api-client";

const openapi = await import("@/app/api/v1/openapi.json/route");
const link = await import("@/app/api/v1/links/[secret]/[fileName]/route");
const { API_ROUTES } = await import("@/lib/api/api-routes");

interface Operation {
  operationId: string;
  tags: string[];
  summary: string;
  security: Record<string, string[]>[];
  "x-role": string;
  parameters: { name: string; in: string; required?: boolean; schema: Record<string, unknown> }[];
  responses: Record<
    string,
    { description: string; headers?: Record<string, unknown>; content?: Record<string, unknown> }
  >;
}
interface Document {
  tags: { name: string }[];
  paths: Record<string, Record<string, Operation>>;
}

const documentOf = async () => (await openapi.GET().json()) as Document;

const V1 = path.resolve("app/api/v1");
/** Every route file under app/api/v1 but the document's own, as its URL path and the methods it exports. */
async function routeFiles() {
  const files = (await readdir(V1, { recursive: true }))
    .map((f) => f.split(path.sep).join("/"))
    .filter((f) => f.endsWith("/route.ts") && f !== "openapi.json/route.ts");
  return Promise.all(
    files.sort().map(async (file) => ({
      path: `/api/v1/${file.replace(/\/route\.ts$/, "").replace(/\[(\w+)\]/g, "{$1}")}`,
      methods: [
        ...(await readFile(path.join(V1, file), "utf8")).matchAll(/export const (GET|HEAD|POST|PUT|PATCH|DELETE) =/g),
      ]
        .map((m) => m[1]!.toLowerCase())
        .sort(),
    })),
  );
}

describe("the OpenAPI document", () => {
  it("is valid OpenAPI 3.1", async () => {
    const validator = new Validator();
    const result = await validator.validate((await openapi.GET().json()) as Record<string, unknown>);
    expect(result.errors ?? [], JSON.stringify(result.errors, null, 2)).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
  });

  it("lists every route file under app/api/v1, the signed link's included, with exactly the methods it exports", async () => {
    const document = await documentOf();
    const files = await routeFiles();
    expect(files.map((f) => f.path)).toContain("/api/v1/links/{secret}/{fileName}");
    for (const file of files)
      expect(Object.keys(document.paths[file.path] ?? {}).sort(), `${file.path} in openapi.json`).toEqual(file.methods);
    expect(Object.keys(document.paths).sort()).toEqual(files.map((f) => f.path).sort());
    expect(API_ROUTES.map((r) => r.path).sort()).toEqual(files.map((f) => f.path).sort());
  });

  it("gives each operation a unique id, a listed tag, who may call it and its security", async () => {
    const document = await documentOf();
    const operations = Object.entries(document.paths).flatMap(([urlPath, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({ urlPath, method, operation })),
    );
    const ids = operations.map((o) => o.operation.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toContain("get_projects_projectId");
    const tags = document.tags.map((t) => t.name);
    expect(tags.slice(0, 1)).toEqual(["projects"]);
    expect(tags).toContain("links");
    for (const { urlPath, method, operation } of operations) {
      expect(tags, `${method} ${urlPath}`).toContain(operation.tags[0]);
      expect(["any", "admin", "public"], `${method} ${urlPath}`).toContain(operation["x-role"]);
      if (operation["x-role"] === "public") expect(operation.security).toEqual([]);
      else expect(operation.security).toEqual([{ bearer: [method === "get" ? "read" : "write"] }]);
    }
    expect(document.paths["/api/v1/projects"]!.post!["x-role"]).toBe("admin");
  });
});

describe("the signed-link download in the document", () => {
  it("has GET and HEAD, public, with its segments, ?file=, Range and If-Range", async () => {
    const operations = (await documentOf()).paths["/api/v1/links/{secret}/{fileName}"]!;
    expect(Object.keys(operations).sort()).toEqual(["get", "head"]);
    for (const operation of Object.values(operations)) {
      expect(operation.security).toEqual([]);
      expect(operation.tags).toEqual(["links"]);
      expect(operation.parameters.map((p) => `${p.in}:${p.name}:${p.required}`)).toEqual([
        "path:secret:true",
        "path:fileName:true",
        "query:file:false",
        "header:Range:false",
        "header:If-Range:false",
      ]);
      expect(operation.parameters[0]!.schema).toMatchObject({ type: "string", pattern: "^[A-Za-z0-9_-]{43}$" });
      expect(operation.parameters[2]!.schema).toMatchObject({
        enum: ["archive", "data", "card", "dataset_info", "axolotl"],
      });
      expect(Object.keys(operation.responses).sort()).toEqual(["200", "206", "404", "416", "503"]);
    }
  });

  it("answers 200 and 206 with the served files' types, 404 as JSON, 416 with Content-Range and no body", async () => {
    const get = (await documentOf()).paths["/api/v1/links/{secret}/{fileName}"]!.get!;
    for (const status of ["200", "206"])
      expect(Object.keys(get.responses[status]!.content!)).toEqual(
        expect.arrayContaining([
          "application/x-ndjson",
          "application/vnd.apache.parquet",
          "application/zip",
          "text/csv",
        ]),
      );
    expect(get.responses["206"]!.headers).toHaveProperty("Content-Range");
    expect(get.responses["200"]!.headers).toHaveProperty("ETag");
    expect(Object.keys(get.responses["404"]!.content!)).toEqual(["application/json"]);
    expect(get.responses["416"]!.content).toBeUndefined();
    expect(get.responses["416"]!.headers).toHaveProperty("Content-Range");
  });

  it("describes the handler's real refusal: a malformed secret is the documented 404, for GET and HEAD alike", async () => {
    for (const handler of [link.GET, link.HEAD]) {
      const response = await callApi(handler, {
        path: "/links/not-a-secret/data.jsonl",
        method: handler === link.HEAD ? "HEAD" : "GET",
        params: { secret: "not-a-secret", fileName: "data.jsonl" },
      });
      expect(response.status).toBe(404);
      expect(response.headers.get("content-type")).toContain("application/json");
    }
  });
});

describe("a recursive answer schema", () => {
  it("has its parts in components/schemas, where its references resolve, and the document stays valid", async () => {
    const { defineApiRoute } = await import("@/lib/routes/define-api-route");
    const { buildOpenApiDocument } = await import("@/lib/api/openapi");
    const { apiReference } = await import("@/lib/api/api-reference");
    interface Tree {
      id: string;
      children: Tree[];
    }
    const tree: z.ZodType<Tree> = z.object({
      id: z.uuid(),
      get children() {
        return z.array(tree);
      },
    });
    const GET = defineApiRoute({
      role: "any",
      project: null,
      summary: "A tree.",
      response: z.object({ root: tree, other: tree.optional() }),
      handler: async () => ({ root: { id: "x", children: [] } }),
    });
    const document = buildOpenApiDocument([{ path: "/api/v1/trees", module: { GET } }]);
    const text = JSON.stringify(document);
    expect(text).not.toContain("$defs");
    const refs = [...text.matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) expect(document.components.schemas, ref).toHaveProperty(ref);
    const result = await new Validator().validate(document as unknown as Record<string, unknown>);
    expect(result.errors ?? []).toEqual([]);
    const rows = apiReference(document, "http://localhost").flatMap((r) => r.endpoints)[0]!.answers[0]!.rows;
    expect(rows.map((r) => r.name)).toEqual([
      "root",
      "root.id",
      "root.children",
      "other",
      "other.id",
      "other.children",
    ]);
    expect(rows[2]!.type).toMatch(/^array of get_trees_schema0 \(recursive\)$/);
  });
});

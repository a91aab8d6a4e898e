// The reference page's tables come from these rows: JSON Schemas as zod 4
// writes them (the OpenAPI document's), flattened with their nesting, types,
// required flags and constraints in words.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { JsonSchema } from "./openapi";
import { constraintsOf, fieldRows, schemaRows } from "./schema-rows";

const json = (schema: z.ZodType, io: "input" | "output" = "input") =>
  z.toJSONSchema(schema, { io, unrepresentable: "any" }) as JsonSchema;
const names = (rows: { name: string; depth: number }[]) => rows.map((r) => `${"  ".repeat(r.depth)}${r.name}`);

describe("schemaRows", () => {
  it("lists an object's fields with type, required, constraints and description, nested objects indented", () => {
    const rows = schemaRows(
      json(
        z.object({
          name: z.string().trim().min(1).max(120).describe("What it is called."),
          limit: z.coerce.number().int().min(1).max(200).default(50),
          kind: z.enum(["alpaca", "sharegpt"]),
          counts: z.object({ seeds: z.int(), runs: z.int().optional() }),
        }),
      ),
    );
    expect(names(rows)).toEqual(["name", "limit", "kind", "counts", "  counts.seeds", "  counts.runs"]);
    expect(rows[0]).toEqual({
      name: "name",
      depth: 0,
      type: "string",
      required: true,
      constraints: ["1–120 characters"],
      description: "What it is called.",
    });
    expect(rows[1]).toMatchObject({ type: "integer", required: false, constraints: ["1–200", "default 50"] });
    expect(rows[2]).toMatchObject({ type: "string", required: true, constraints: ['one of: "alpaca", "sharegpt"'] });
    expect(rows[3]).toMatchObject({ type: "object", required: true });
    // z.int()'s safe-integer bounds are noise, not constraints.
    expect(rows[4]).toMatchObject({ type: "integer", required: true, constraints: [] });
    expect(rows[5]).toMatchObject({ required: false });
  });

  it("names an array's item fields with [] and shows nullable types, formats instead of their long patterns", () => {
    const page = z.object({
      data: z.array(z.object({ id: z.uuid(), created_at: z.iso.datetime() })).max(200),
      next_cursor: z.string().nullable(),
    });
    const rows = schemaRows(json(page, "output"));
    expect(names(rows)).toEqual(["data", "  data[].id", "  data[].created_at", "next_cursor"]);
    expect(rows[0]).toMatchObject({ type: "array of object", constraints: ["at most 200 items"] });
    expect(rows[1]!.constraints).toEqual(["uuid"]);
    expect(rows[2]!.constraints).toEqual(["date-time"]);
    expect(rows[3]).toMatchObject({ type: "string | null", required: true });
  });

  it("expands each option of a union of objects under the same names, and a map's values as name.*", () => {
    const rows = schemaRows(
      json(
        z.object({
          source: z.discriminatedUnion("kind", [
            z.object({ kind: z.literal("text"), text: z.string().max(10) }),
            z.object({ kind: z.literal("seed"), seed_id: z.uuid() }),
          ]),
          labels: z.record(z.string(), z.object({ score: z.number().min(0).max(1) })),
        }),
      ),
    );
    expect(names(rows)).toEqual([
      "source",
      "  source: option 1 of 2",
      "    source.kind",
      "    source.text",
      "  source: option 2 of 2",
      "    source.kind",
      "    source.seed_id",
      "labels",
      "  labels.*.score",
    ]);
    expect(rows[0]!.type).toBe("object | object");
    expect(rows[2]!.type).toBe('"text"');
    expect(rows[7]!.type).toBe("map of object");
    expect(rows[8]!.constraints).toEqual(["0–1"]);
  });

  it("follows $refs to the document's components and the schema's $defs, and stops at recursion", () => {
    interface Tree {
      name: string;
      children: Tree[];
    }
    const tree: z.ZodType<Tree> = z.object({
      name: z.string(),
      get children() {
        return z.array(tree);
      },
    });
    const rows = schemaRows(json(z.object({ root: tree })));
    expect(names(rows)).toEqual(["root", "  root.name", "  root.children"]);
    expect(rows[2]!.type).toMatch(/^array of .+ \(recursive\)$/);

    const document = {
      components: { schemas: { Error: { type: "object", properties: { code: { type: "string" } } } } },
    };
    const viaRef = schemaRows({ $ref: "#/components/schemas/Error" }, { document });
    expect(names(viaRef)).toEqual(["code"]);
  });

  it("gives a scalar or an unrepresentable schema one row, and survives an unknown $ref", () => {
    expect(schemaRows({ type: "string", maxLength: 5 })).toEqual([
      { name: "(value)", depth: 0, type: "string", required: true, constraints: ["at most 5 characters"] },
    ]);
    expect(fieldRows("x", {}, false)).toEqual([{ name: "x", depth: 0, type: "any", required: false, constraints: [] }]);
    expect(fieldRows("x", { $ref: "#/nowhere" }, true)[0]).toMatchObject({ name: "x", type: "any" });
  });
});

describe("constraintsOf", () => {
  it("says bounds, lengths, items, exclusive bounds, patterns and media types in words", () => {
    expect(constraintsOf({ type: "string", minLength: 43, maxLength: 43, pattern: "^[a-z]+$" })).toEqual([
      "pattern ^[a-z]+$",
      "exactly 43 characters",
    ]);
    expect(constraintsOf({ type: "number", exclusiveMinimum: 0, maximum: 2 })).toEqual(["at most 2", "more than 0"]);
    expect(constraintsOf({ type: "array", minItems: 1, uniqueItems: true })).toEqual([
      "at least 1 items",
      "unique items",
    ]);
    expect(constraintsOf({ type: "string", contentMediaType: "application/zip" })).toEqual(["bytes (application/zip)"]);
  });
});

// A small example value of a JSON Schema, for the curl examples of the
// reference page: the required fields (every field if none is required), each
// with its default, first enum value or a value of its type within its bounds.
import type { JsonSchema } from "./openapi";

const EXAMPLE_STRINGS: Record<string, string> = {
  uuid: "0196f0c4-0000-7000-8000-000000000000",
  "date-time": "2026-01-01T00:00:00.000Z",
  date: "2026-01-01",
  email: "someone@example.com",
  uri: "https://example.com/",
  url: "https://example.com/",
};

type Schema = JsonSchema & { type?: string | string[]; items?: Schema; anyOf?: Schema[]; oneOf?: Schema[] };

export function exampleOf(schema: JsonSchema, depth = 0): unknown {
  const s = schema as Schema;
  if (s.default !== undefined) return s.default;
  if (s.const !== undefined) return s.const;
  if (Array.isArray(s.enum) && s.enum.length) return s.enum[0];
  const union = s.anyOf ?? s.oneOf;
  if (union?.length) return exampleOf(union.find((o) => o.type !== "null") ?? union[0]!, depth);
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== "null") : s.type;
  if (depth > 6) return null;
  switch (type) {
    case "string": {
      const text = (typeof s.format === "string" && EXAMPLE_STRINGS[s.format]) || "text";
      const min = typeof s.minLength === "number" ? s.minLength : 0;
      return text.length >= min ? text : text.padEnd(min, "x");
    }
    case "integer":
    case "number": {
      const min =
        typeof s.minimum === "number" ? s.minimum : typeof s.exclusiveMinimum === "number" ? s.exclusiveMinimum + 1 : 1;
      return Math.abs(min) < Number.MAX_SAFE_INTEGER ? min : 1;
    }
    case "boolean":
      return true;
    case "array": {
      const count = typeof s.minItems === "number" ? Math.max(1, s.minItems) : 1;
      return s.items ? Array.from({ length: Math.min(count, 3) }, () => exampleOf(s.items!, depth + 1)) : [];
    }
    case "object": {
      const properties = s.properties ?? {};
      const required = s.required?.length ? s.required : Object.keys(properties);
      return Object.fromEntries(
        required.filter((key) => properties[key]).map((key) => [key, exampleOf(properties[key]!, depth + 1)]),
      );
    }
    default:
      return null;
  }
}

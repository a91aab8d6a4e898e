// A JSON Schema (as z.toJSONSchema writes it into the OpenAPI document)
// flattened into the rows of a table for the reference page (/api-docs): one
// row per field, nested objects and arrays' items indented under their parent
// (`counts.seeds`, `data[].id`), each with its type, whether it is required,
// its constraints (lengths, bounds, enums, format, default) and description.
import type { JsonSchema } from "./openapi";

export interface SchemaRow {
  /** The field's path: `name`, `counts.seeds`, `data[].id`, `labels.*` for a map's values. */
  name: string;
  depth: number;
  type: string;
  required: boolean;
  /** Human-readable: "1–120 characters", "one of: a, b", "default 50", "uuid". */
  constraints: string[];
  description?: string;
}

/** Where `$ref`s point: the OpenAPI document (#/components/…) and the schema's own root (#/$defs/…). */
export interface SchemaContext {
  document?: unknown;
  root?: JsonSchema;
}

const SAFE = Number.MAX_SAFE_INTEGER;
const MAX_DEPTH = 8;

type Schema = JsonSchema & {
  type?: string | string[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  items?: Schema;
  additionalProperties?: Schema | boolean;
  enum?: unknown[];
  $ref?: string;
};

function lookup(ref: string, context: SchemaContext): Schema | undefined {
  if (!ref.startsWith("#/")) return undefined;
  const parts = ref
    .slice(2)
    .split("/")
    .map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"));
  const from = parts[0] === "$defs" ? context.root : context.document;
  let at: unknown = from;
  for (const part of parts) at = at && typeof at === "object" ? (at as Record<string, unknown>)[part] : undefined;
  return at && typeof at === "object" ? (at as Schema) : undefined;
}

/** The schema with its `$ref` followed, and `null` split off a nullable union (`X | null` → X, nullable). */
function unwrap(schema: Schema, context: SchemaContext, seen: ReadonlySet<string>) {
  let current = schema;
  let nullable = false;
  let recursive: string | undefined;
  const visited = new Set(seen);
  for (let step = 0; step < 10; step += 1) {
    if (current.$ref) {
      if (visited.has(current.$ref)) {
        recursive = current.$ref.split("/").at(-1);
        break;
      }
      visited.add(current.$ref);
      const target = lookup(current.$ref, context);
      if (!target) break;
      const rest = { ...current };
      delete rest.$ref;
      current = { ...target, ...rest };
      continue;
    }
    const union = current.anyOf ?? current.oneOf;
    const others = union?.filter((s) => s.type !== "null");
    if (union && others && others.length < union.length) {
      nullable = true;
      const rest = { ...current };
      delete rest.anyOf;
      delete rest.oneOf;
      current = others.length === 1 ? { ...others[0]!, ...rest } : { ...rest, anyOf: others };
      continue;
    }
    if (Array.isArray(current.type) && current.type.includes("null")) {
      nullable = true;
      const types = current.type.filter((t) => t !== "null");
      current = { ...current, type: types.length === 1 ? types[0] : types };
      continue;
    }
    break;
  }
  if (current.allOf) current = mergeAll(current, context, visited);
  return { schema: current, nullable, recursive, seen: visited };
}

/** allOf of objects as one object: their properties and required lists together. */
function mergeAll(schema: Schema, context: SchemaContext, seen: ReadonlySet<string>): Schema {
  const { allOf = [], ...rest } = schema;
  const parts = allOf.map((part) => unwrap(part, context, seen).schema);
  return {
    ...rest,
    ...(parts.every((p) => p.type === "object" || p.properties) ? { type: "object" } : {}),
    properties: Object.assign({}, ...parts.map((p) => p.properties ?? {}), rest.properties ?? {}),
    required: [...new Set([...parts.flatMap((p) => p.required ?? []), ...(rest.required ?? [])])],
  };
}

function typeLabel(schema: Schema, context: SchemaContext, seen: ReadonlySet<string>): string {
  const { schema: s, recursive } = unwrap(schema, context, seen);
  if (recursive) return `${recursive} (recursive)`;
  const union = s.anyOf ?? s.oneOf;
  if (union) return union.map((option) => typeLabel(option, context, seen)).join(" | ");
  if (s.const !== undefined) return JSON.stringify(s.const);
  if (Array.isArray(s.type)) return s.type.join(" | ");
  if (s.type === "array") return s.items ? `array of ${typeLabel(s.items, context, seen)}` : "array";
  if (s.type === "object" || s.properties) {
    const values = s.additionalProperties;
    return values && typeof values === "object" && !s.properties
      ? `map of ${typeLabel(values, context, seen)}`
      : "object";
  }
  return typeof s.type === "string" ? s.type : "any";
}

const range = (min: unknown, max: unknown, unit = "") => {
  const lo = typeof min === "number" && Math.abs(min) < SAFE ? min : undefined;
  const hi = typeof max === "number" && Math.abs(max) < SAFE ? max : undefined;
  const suffix = unit ? ` ${unit}` : "";
  if (lo !== undefined && hi !== undefined) return lo === hi ? `exactly ${lo}${suffix}` : `${lo}–${hi}${suffix}`;
  if (lo !== undefined) return `at least ${lo}${suffix}`;
  if (hi !== undefined) return `at most ${hi}${suffix}`;
  return undefined;
};

/** The constraints of one schema, in words. */
export function constraintsOf(schema: JsonSchema): string[] {
  const s = schema as Schema;
  const found = [
    typeof s.format === "string" ? s.format : undefined,
    typeof s.pattern === "string" && typeof s.format !== "string" ? `pattern ${s.pattern}` : undefined,
    range(s.minLength, s.maxLength, "characters"),
    range(s.minimum, s.maximum),
    typeof s.exclusiveMinimum === "number" ? `more than ${s.exclusiveMinimum}` : undefined,
    typeof s.exclusiveMaximum === "number" ? `less than ${s.exclusiveMaximum}` : undefined,
    typeof s.multipleOf === "number" ? `multiple of ${s.multipleOf}` : undefined,
    range(s.minItems, s.maxItems, "items"),
    s.uniqueItems === true ? "unique items" : undefined,
    range(s.minProperties, s.maxProperties, "keys"),
    s.enum ? `one of: ${s.enum.map((v) => JSON.stringify(v)).join(", ")}` : undefined,
    typeof s.contentMediaType === "string" ? `bytes (${s.contentMediaType})` : undefined,
    s.default !== undefined ? `default ${JSON.stringify(s.default)}` : undefined,
  ];
  return found.filter((c): c is string => c !== undefined);
}

/** One field's row and, below it, its children's (an object's fields, an array's items' fields). */
export function fieldRows(
  name: string,
  schema: JsonSchema,
  required: boolean,
  context: SchemaContext = {},
  depth = 0,
  seen: ReadonlySet<string> = new Set(),
): SchemaRow[] {
  const unwrapped = unwrap(schema as Schema, context, seen);
  const { schema: s, nullable } = unwrapped;
  const type = typeLabel(schema as Schema, context, seen);
  const row: SchemaRow = {
    name,
    depth,
    type: nullable ? `${type} | null` : type,
    required,
    constraints: constraintsOf(s),
    ...(typeof s.description === "string" ? { description: s.description } : {}),
  };
  if (unwrapped.recursive || depth >= MAX_DEPTH) return [row];
  return [row, ...childRows(name, s, context, depth + 1, unwrapped.seen)];
}

function childRows(
  prefix: string,
  s: Schema,
  context: SchemaContext,
  depth: number,
  seen: ReadonlySet<string>,
): SchemaRow[] {
  const at = (child: string) => (prefix ? `${prefix}.${child}` : child);
  if (s.properties) {
    const required = new Set(s.required ?? []);
    return Object.entries(s.properties).flatMap(([key, property]) =>
      fieldRows(at(key), property, required.has(key), context, depth, seen),
    );
  }
  if (s.type === "array" && s.items) {
    const items = unwrap(s.items, context, seen);
    return items.recursive ? [] : childRows(`${prefix}[]`, items.schema, context, depth, items.seen);
  }
  if (s.additionalProperties && typeof s.additionalProperties === "object") {
    const values = unwrap(s.additionalProperties, context, seen);
    return values.recursive ? [] : childRows(at("*"), values.schema, context, depth, values.seen);
  }
  const union = s.anyOf ?? s.oneOf;
  if (union && union.some((option) => unwrap(option, context, seen).schema.properties)) {
    // Each option of a union of objects: a row saying which, then its fields (under the same names).
    return union.flatMap((option, index): SchemaRow[] => {
      const { schema: chosen, seen: inner } = unwrap(option, context, seen);
      const label: SchemaRow = {
        name: `${prefix ? `${prefix}: ` : ""}option ${index + 1} of ${union.length}`,
        depth,
        type: typeLabel(option, context, seen),
        required: false,
        constraints: [],
        ...(typeof chosen.description === "string" ? { description: chosen.description } : {}),
      };
      return [label, ...childRows(prefix, chosen, context, depth + 1, inner)];
    });
  }
  return [];
}

/**
 * The rows of a request body or an answer: an object's fields (the object
 * itself has no row), `[]`-prefixed for an array, one `(value)` row otherwise.
 */
export function schemaRows(schema: JsonSchema, context: SchemaContext = {}): SchemaRow[] {
  const withRoot = { ...context, root: context.root ?? schema };
  const { schema: s, seen } = unwrap(schema as Schema, withRoot, new Set());
  const children = childRows("", s, withRoot, 0, seen);
  return children.length ? children : fieldRows("(value)", schema, true, withRoot);
}

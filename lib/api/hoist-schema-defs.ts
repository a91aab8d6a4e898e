// z.toJSONSchema writes a recursive schema's parts under its own `$defs`,
// referred to as `#/$defs/…`. Inside an OpenAPI document such a reference
// resolves against the document's root, not the schema's, so it would point
// nowhere: every `$defs` found in the document moves to components/schemas
// (under a name of its own) and its references follow it.

type Json = unknown;

const isObject = (value: Json): value is Record<string, Json> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

function rewriteRefs(node: Json, renamed: Map<string, string>): Json {
  if (Array.isArray(node)) return node.map((item) => rewriteRefs(item, renamed));
  if (!isObject(node)) return node;
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) => [
      key,
      key === "$ref" && typeof value === "string" && renamed.has(value)
        ? renamed.get(value)
        : rewriteRefs(value, renamed),
    ]),
  );
}

/** `node` with every `$defs` moved into `components` (mutated), names made unique by `prefix`. */
export function hoistSchemaDefs(node: Json, components: Record<string, Json>, prefix: string): Json {
  if (Array.isArray(node)) return node.map((item) => hoistSchemaDefs(item, components, prefix));
  if (!isObject(node)) return node;
  let current = node;
  if (isObject(current.$defs)) {
    const { $defs, ...rest } = current;
    const renamed = new Map<string, string>();
    for (const name of Object.keys($defs as Record<string, Json>)) {
      const base = `${prefix}_${name.replace(/[^\w.-]+/g, "").replace(/^_+/, "") || "schema"}`;
      let unique = base;
      for (let n = 2; unique in components; n += 1) unique = `${base}_${n}`;
      components[unique] = null; // reserved while the others are named
      renamed.set(`#/$defs/${name}`, `#/components/schemas/${unique}`);
    }
    for (const [name, schema] of Object.entries($defs as Record<string, Json>)) {
      const target = renamed.get(`#/$defs/${name}`)!.split("/").at(-1)!;
      components[target] = hoistSchemaDefs(rewriteRefs(schema, renamed), components, prefix);
    }
    current = rewriteRefs(rest, renamed) as Record<string, Json>;
  }
  return Object.fromEntries(
    Object.entries(current).map(([key, value]) => [key, hoistSchemaDefs(value, components, prefix)]),
  );
}

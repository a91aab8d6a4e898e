// Proves the hand-written SQL migrations build exactly the database that
// prisma/schema.prisma describes: every table, column, type, nullability,
// default, enum, index and foreign key, and nothing more.
import { readFileSync } from "node:fs";
import { get_dmmf } from "@prisma/prisma-schema-wasm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setupTestDatabase } from "@/tests/setup/test-database";

interface DmmfField {
  name: string;
  dbName?: string;
  kind: "scalar" | "enum" | "object";
  type: string;
  isList: boolean;
  isRequired: boolean;
  isUpdatedAt: boolean;
  hasDefaultValue: boolean;
  default?: unknown;
  nativeType?: [string, string[]] | null;
  relationFromFields?: string[];
  relationToFields?: string[];
  relationOnDelete?: string;
}
interface DmmfModel {
  name: string;
  dbName: string | null;
  fields: DmmfField[];
}
interface DmmfIndex {
  model: string;
  type: "id" | "unique" | "normal" | "fulltext";
  fields: { name: string }[];
}
interface Dmmf {
  datamodel: {
    models: DmmfModel[];
    enums: { name: string; dbName?: string | null; values: { name: string }[] }[];
    indexes: DmmfIndex[];
  };
}

const dmmf = JSON.parse(
  get_dmmf(JSON.stringify({ prismaSchema: readFileSync("prisma/schema.prisma", "utf8") })),
) as Dmmf;
const models = dmmf.datamodel.models;
const tableOf = (model: DmmfModel) => model.dbName ?? model.name;
const columnOf = (field: DmmfField) => field.dbName ?? field.name;
const modelByName = new Map(models.map((m) => [m.name, m]));

function expectedType(field: DmmfField): string {
  if (field.kind === "enum") return field.type;
  if (field.nativeType?.[0] === "Uuid") return "uuid";
  const map: Record<string, string> = {
    String: "text",
    Int: "int4",
    BigInt: "int8",
    Boolean: "bool",
    DateTime: "timestamp",
    Json: "jsonb",
    Float: "float8",
    Decimal: "numeric",
    Bytes: "bytea",
  };
  return map[field.type];
}

let client: pg.Client;

beforeAll(async () => {
  const { url } = await setupTestDatabase();
  client = new pg.Client({ connectionString: url });
  await client.connect();
});
afterAll(async () => client?.end());

async function columns(table: string) {
  const { rows } = await client.query<{
    column_name: string;
    udt_name: string;
    is_nullable: string;
    column_default: string | null;
    datetime_precision: number | null;
    numeric_precision: number | null;
    numeric_scale: number | null;
  }>(
    `SELECT column_name, udt_name, is_nullable, column_default, datetime_precision, numeric_precision, numeric_scale
     FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1`,
    [table],
  );
  return new Map(rows.map((r) => [r.column_name, r]));
}

describe("migrated database matches schema.prisma", () => {
  it("has exactly one table per model", async () => {
    const { rows } = await client.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'`,
    );
    expect(rows.map((r) => r.table_name).sort()).toEqual(models.map(tableOf).sort());
  });

  it.each(models.map((m) => [m.name, m] as const))(
    "%s: every field is a column of the right type, nullability and default",
    async (_name, model) => {
      const actual = await columns(tableOf(model));
      const scalars = model.fields.filter((f) => f.kind !== "object");
      expect([...actual.keys()].sort()).toEqual(scalars.map(columnOf).sort());
      for (const field of scalars) {
        const column = actual.get(columnOf(field))!;
        const where = `${model.name}.${field.name}`;
        expect(column.udt_name, where).toBe(field.isList ? `_${expectedType(field)}` : expectedType(field));
        if (field.type === "DateTime") expect(column.datetime_precision, where).toBe(3);
        // Prisma's Decimal is numeric(65,30) unless @db.Decimal(p, s) says otherwise.
        if (field.type === "Decimal") {
          const [precision, scale] = field.nativeType?.[1]?.map(Number) ?? [65, 30];
          expect([column.numeric_precision, column.numeric_scale], where).toEqual([precision, scale]);
        }
        // Prisma creates scalar lists without NOT NULL.
        if (!field.isList) expect(column.is_nullable, where).toBe(field.isRequired ? "NO" : "YES");
        const dbDefault = field.hasDefaultValue && !isClientSideDefault(field.default);
        expect(column.column_default !== null, `${where} default`).toBe(dbDefault);
        if (dbDefault) expect(column.column_default, where).toMatch(defaultPattern(field));
      }
    },
  );

  it("has every enum with exactly its values, in order", async () => {
    const { rows } = await client.query<{ typname: string; labels: string[] }>(
      `SELECT t.typname::text AS typname, array_agg(e.enumlabel::text ORDER BY e.enumsortorder) AS labels
       FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid
       WHERE t.typnamespace = 'public'::regnamespace GROUP BY t.typname`,
    );
    const actual = Object.fromEntries(rows.map((r) => [r.typname, r.labels]));
    const expected = Object.fromEntries(
      dmmf.datamodel.enums.map((e) => [e.dbName ?? e.name, e.values.map((v) => v.name)]),
    );
    expect(actual).toEqual(expected);
  });

  it("has every primary key, unique and plain index, and no others", async () => {
    const { rows } = await client.query<{ table: string; columns: string[]; unique: boolean; primary: boolean }>(
      `SELECT t.relname AS table, ix.indisunique AS unique, ix.indisprimary AS primary,
              array_agg(a.attname::text ORDER BY k.ord) AS columns
       FROM pg_index ix
       JOIN pg_class t ON t.oid = ix.indrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace AND n.nspname = 'public'
       CROSS JOIN LATERAL unnest(ix.indkey) WITH ORDINALITY AS k(attnum, ord)
       JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
       WHERE t.relname <> '_prisma_migrations'
       GROUP BY t.relname, ix.indexrelid, ix.indisunique, ix.indisprimary`,
    );
    const describeIndex = (table: string, kind: string, cols: string[]) => `${table}:${kind}:${cols.join(",")}`;
    const actual = rows
      .map((r) => describeIndex(r.table, r.primary ? "id" : r.unique ? "unique" : "normal", r.columns))
      .sort();
    const expected = dmmf.datamodel.indexes
      .map((ix) => {
        const model = modelByName.get(ix.model)!;
        const cols = ix.fields.map((f) => columnOf(model.fields.find((mf) => mf.name === f.name)!));
        return describeIndex(tableOf(model), ix.type, cols);
      })
      .sort();
    expect(actual).toEqual(expected);
  });

  it("has every relation as a foreign key with its referential action, and no others", async () => {
    const { rows } = await client.query<{
      table: string;
      columns: string[];
      ref_table: string;
      ref_columns: string[];
      on_delete: string;
    }>(
      `SELECT c.conrelid::regclass::text AS table, c.confrelid::regclass::text AS ref_table,
              (SELECT array_agg(a.attname::text ORDER BY k.ord) FROM unnest(c.conkey) WITH ORDINALITY k(n, ord)
                 JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n) AS columns,
              (SELECT array_agg(a.attname::text ORDER BY k.ord) FROM unnest(c.confkey) WITH ORDINALITY k(n, ord)
                 JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n) AS ref_columns,
              c.confdeltype AS on_delete
       FROM pg_constraint c WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace`,
    );
    const actions: Record<string, string> = {
      a: "NoAction",
      r: "Restrict",
      c: "Cascade",
      n: "SetNull",
      d: "SetDefault",
    };
    const actual = rows
      .map(
        (r) => `${r.table}(${r.columns.join(",")})->${r.ref_table}(${r.ref_columns.join(",")}) ${actions[r.on_delete]}`,
      )
      .sort();
    const expected = models
      .flatMap((model) =>
        model.fields
          .filter((f) => f.kind === "object" && f.relationFromFields?.length)
          .map((f) => {
            const target = modelByName.get(f.type)!;
            const from = f.relationFromFields!.map((n) => columnOf(model.fields.find((x) => x.name === n)!));
            const to = f.relationToFields!.map((n) => columnOf(target.fields.find((x) => x.name === n)!));
            return `${tableOf(model)}(${from.join(",")})->${tableOf(target)}(${to.join(",")}) ${f.relationOnDelete}`;
          }),
      )
      .sort();
    expect(actual).toEqual(expected);
  });
});

function isClientSideDefault(value: unknown): boolean {
  return (
    typeof value === "object" &&
    value !== null &&
    "name" in value &&
    ["uuid", "cuid", "nanoid", "ulid"].includes((value as { name: string }).name)
  );
}

function defaultPattern(field: DmmfField): RegExp {
  const value = field.default;
  if (typeof value === "object" && value !== null && "name" in value) {
    const name = (value as { name: string }).name;
    if (name === "now") return /^CURRENT_TIMESTAMP$/;
    if (name === "autoincrement") return /^nextval\(/;
  }
  if (Array.isArray(value)) return value.length === 0 ? /^ARRAY\[\]::text\[\]$/ : /^ARRAY\[/;
  if (typeof value === "boolean" || typeof value === "number") return new RegExp(`^${value}$`);
  // BigInt and Decimal defaults come as strings and are stored as bare numbers.
  if (
    typeof value === "string" &&
    (field.type === "BigInt" || field.type === "Decimal") &&
    /^-?\d+(\.\d+)?$/.test(value)
  )
    return new RegExp(`^${value.replace(".", "\\.")}$`);
  if (typeof value === "string") {
    const literal = value.replaceAll("'", "''").replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    return new RegExp(`^'${literal}'::`);
  }
  throw new Error(`no default pattern for ${field.name}: ${JSON.stringify(value)}`);
}

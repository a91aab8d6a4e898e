import type { SeedSchema } from "../types";

export type JsonObject = Record<string, unknown>;

// Thrown by mappers for a single bad record; parseSeedFile turns it into a
// LineError, so it never escapes the library.
export class RecordError extends Error {}

export interface MappedRecord {
  instruction: string;
  input: string;
  output: string | null;
  metadata: Record<string, unknown>;
}

export interface SchemaMapper {
  schema: SeedSchema;
  mapping: { instruction: string; input: string | null; output: string | null };
  // Human-readable source for metadata keys that were renamed or derived.
  metadataSources: Record<string, string>;
  map(value: unknown): MappedRecord;
}

export function isObject(v: unknown): v is JsonObject {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export function describeType(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  return typeof v;
}

export function expectObject(value: unknown): JsonObject {
  if (isObject(value)) return value;
  throw new RecordError(`expected a JSON object, got ${describeType(value)}`);
}

export function requiredInstruction(value: unknown, field: string): string {
  if (value === undefined || value === null) {
    throw new RecordError(`missing instruction (expected field "${field}")`);
  }
  if (typeof value !== "string") {
    throw new RecordError(`field "${field}" must be a string, got ${describeType(value)}`);
  }
  const text = value.trim();
  if (text === "") throw new RecordError(`empty instruction (field "${field}" is blank)`);
  return text;
}

export function inputText(value: unknown, field: string): string {
  if (value === undefined || value === null) return "";
  if (typeof value !== "string") {
    throw new RecordError(`field "${field}" must be a string, got ${describeType(value)}`);
  }
  return value.trim();
}

// An empty reference answer carries no information, so it is stored as null.
export function outputText(value: unknown, field: string): string | null {
  const text = inputText(value, field);
  return text === "" ? null : text;
}

export function lower(v: unknown): string {
  return typeof v === "string" ? v.trim().toLowerCase() : "";
}

// Only scalar values survive: nested structures would need a schema of their own.
export function passthrough(obj: JsonObject, used: ReadonlySet<string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(obj)) {
    if (used.has(key)) continue;
    const v = obj[key];
    if (typeof v === "string" || typeof v === "boolean" || (typeof v === "number" && Number.isFinite(v))) {
      out[key] = v;
    }
  }
  return out;
}

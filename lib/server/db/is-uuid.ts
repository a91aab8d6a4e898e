const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids come from URLs: anything not shaped like a uuid is simply not found (Postgres would reject it with an error). */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/**
 * Prisma's `contains` becomes ILIKE without escaping, so a typed % or _ would
 * act as a wildcard; backslash is Postgres's default LIKE escape character.
 */
export function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

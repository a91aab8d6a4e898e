// Named statements (decision 0041): the step path's statements are prepared once
// per connection, everything else is sent unnamed, and no process names more
// than a bounded number of texts.
import { describe, expect, it } from "vitest";
import { getPrisma } from "@/lib/server/db/prisma";
import { setupTestDatabase } from "@/tests/setup/test-database";
import { createStatementNamer, withNamedStatements } from "./statement-names";

describe("createStatementNamer", () => {
  const query = (sql: string, args: unknown[] = []) => ({ sql, args });

  it("names a text only inside withNamedStatements in steps mode, the same text always alike", async () => {
    const name = createStatementNamer("steps");
    expect(name(query("SELECT 1"))).toBeUndefined();
    const inside = await withNamedStatements(async () => {
      await Promise.resolve();
      return [name(query("SELECT 1")), name(query("SELECT 2")), name(query("SELECT 1"))];
    });
    expect(inside[0]).toMatch(/^evol_\d+$/);
    expect(inside[1]).toMatch(/^evol_\d+$/);
    expect(inside[1]).not.toBe(inside[0]);
    expect(inside[2]).toBe(inside[0]);
    // Outside the scope again: unnamed, even a text named before.
    expect(name(query("SELECT 1"))).toBeUndefined();
  });

  it("names everything in all mode, up to its limit, and never long texts or long parameter lists", () => {
    const name = createStatementNamer("all", 3);
    expect(name(query("SELECT 1"))).toBe("evol_0");
    expect(name(query(`SELECT ${"1 + ".repeat(5_000)}1`))).toBeUndefined();
    const manyArgs = Array.from({ length: 65 }, (_, i) => i);
    expect(name(query(`SELECT * FROM t WHERE id IN (${manyArgs.map((i) => `$${i + 1}`).join(", ")})`, manyArgs))).toBe(
      undefined,
    );
    expect(name(query("SELECT 2"))).toBe("evol_1");
    expect(name(query("SELECT 3"))).toBe("evol_2");
    // The limit is reached: new texts go unnamed, known ones keep their names.
    expect(name(query("SELECT 4"))).toBeUndefined();
    expect(name(query("SELECT 1"))).toBe("evol_0");
  });
});

describe("the app's Prisma client (DATABASE_PREPARED_STATEMENTS=steps, the default)", () => {
  it("prepares a statement sent inside withNamedStatements on its connection, and nothing sent outside", async () => {
    await setupTestDatabase();
    const prisma = getPrisma();
    const prepared = await prisma.$transaction(async (tx) => {
      const list = () =>
        tx.$queryRaw<{ name: string; statement: string }[]>`
          SELECT name, statement FROM pg_prepared_statements WHERE name LIKE 'evol\\_%' ORDER BY name`;
      await tx.$queryRaw`SELECT ${"outside"}::text AS marker`;
      const before = await list();
      await withNamedStatements(async () => {
        await tx.$queryRaw`SELECT ${"inside"}::text AS marker, ${1}::int AS n`;
        await tx.$queryRaw`SELECT ${"inside again"}::text AS marker, ${2}::int AS n`;
      });
      return { before, after: await list() };
    });
    expect(prepared.before.filter((s) => s.statement.includes("marker"))).toEqual([]);
    const mine = prepared.after.filter((s) => s.statement.includes("AS marker"));
    // One statement, prepared once and executed twice under its name.
    expect(mine).toHaveLength(1);
    expect(mine[0].statement).toContain("::int AS n");
  });
});

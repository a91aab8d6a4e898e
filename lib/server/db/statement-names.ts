// Named (prepared) statements for the evolution step path (decision 0041):
// Postgres parses and plans a named statement once per connection instead of
// on every call. A worker sends the same few dozen statements thousands of
// times a minute, and parsing and planning them was about a third of its
// database time.
//
// Scoped: only statements sent inside withNamedStatements (the step job) are
// named, by default. Their queries are all reads and writes by key, whose
// generic plans (which Postgres may switch a named statement to after five
// calls) are the plans they get anyway; the review queue's, the export's and
// the dashboard's filters are left to a plan per call
// (DATABASE_PREPARED_STATEMENTS=all names everything, =off nothing).
//
// Bounded: a name is given to the first MAX_NAMED distinct texts of at most
// MAX_ARGS parameters and MAX_SQL characters (statements with long IN lists
// change text with their length and are left unnamed), so no connection
// prepares more than MAX_NAMED statements whatever the process runs. The same
// text always gets the same name in a process, as pg requires of a name.
import { AsyncLocalStorage } from "node:async_hooks";

export const MAX_NAMED = 300;
const MAX_SQL = 16_384;
const MAX_ARGS = 64;

export type PreparedStatements = "steps" | "all" | "off";

const scope = new AsyncLocalStorage<true>();

/** Runs `work` with its statements named (when DATABASE_PREPARED_STATEMENTS is `steps`, the default). */
export function withNamedStatements<T>(work: () => Promise<T>): Promise<T> {
  return scope.run(true, work);
}

/** A statement name generator for @prisma/adapter-pg (`statementNameGenerator`); undefined leaves one unnamed. */
export function createStatementNamer(
  mode: Exclude<PreparedStatements, "off">,
  limit = MAX_NAMED,
): (query: { sql: string; args: unknown[] }) => string | undefined {
  const names = new Map<string, string>();
  return (query) => {
    if (mode === "steps" && scope.getStore() === undefined) return undefined;
    const known = names.get(query.sql);
    if (known !== undefined) return known;
    if (names.size >= limit || query.sql.length > MAX_SQL || query.args.length > MAX_ARGS) return undefined;
    const name = `evol_${names.size}`;
    names.set(query.sql, name);
    return name;
  };
}

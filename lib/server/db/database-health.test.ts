import { describe, expect, it } from "vitest";
import { isDatabaseUnreachable } from "./database-health";

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe("isDatabaseUnreachable", () => {
  it("knows a refused or lost connection and a server shutting down, also when wrapped", () => {
    expect(isDatabaseUnreachable(withCode("connect ECONNREFUSED 127.0.0.1:5432", "ECONNREFUSED"))).toBe(true);
    expect(isDatabaseUnreachable(withCode("terminating connection due to administrator command", "57P01"))).toBe(true);
    expect(isDatabaseUnreachable(new Error("Connection terminated unexpectedly"))).toBe(true);
    expect(isDatabaseUnreachable(new Error("query failed", { cause: withCode("socket hang up", "ECONNRESET") }))).toBe(
      true,
    );
    expect(isDatabaseUnreachable(new AggregateError([withCode("connect", "ECONNREFUSED")], "all failed"))).toBe(true);
  });

  it("leaves errors of the query itself alone", () => {
    expect(isDatabaseUnreachable(withCode("duplicate key value violates unique constraint", "23505"))).toBe(false);
    expect(isDatabaseUnreachable(withCode("Unique constraint failed on the fields: (`request_key`)", "P2002"))).toBe(
      false,
    );
    expect(isDatabaseUnreachable(new Error('relation "nope" does not exist'))).toBe(false);
    expect(isDatabaseUnreachable(null)).toBe(false);
    expect(isDatabaseUnreachable("ECONNREFUSED")).toBe(false);
  });
});

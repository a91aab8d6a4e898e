import { describe, expect, it } from "vitest";
import { uuid7 } from "./uuid7";

const UUID7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("uuid7", () => {
  it("makes RFC 9562 version-7 ids carrying the current millisecond", () => {
    const before = Date.now();
    const id = uuid7();
    const after = Date.now();
    expect(id).toMatch(UUID7);
    const ms = parseInt(id.replace(/-/g, "").slice(0, 12), 16);
    expect(ms).toBeGreaterThanOrEqual(before);
    expect(ms).toBeLessThanOrEqual(after + 1);
  });

  it("keeps ids increasing and distinct within a millisecond and across many draws of random bytes", () => {
    const ids = Array.from({ length: 20_000 }, () => uuid7());
    expect(new Set(ids).size).toBe(ids.length);
    for (let i = 1; i < ids.length; i++) expect(ids[i] > ids[i - 1]).toBe(true);
    // The random tails never repeat, past every refill of the random pool.
    const tails = new Set(ids.map((id) => id.slice(20)));
    expect(tails.size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(UUID7);
  });
});

// The group-committed writer of successful calls' rows, on a real Postgres.
import { describe, expect, it } from "vitest";
import { setupTestDatabase } from "@/tests/setup/test-database";

await setupTestDatabase();
const { getPrisma } = await import("@/lib/server/db/prisma");
const { recordOkCall } = await import("./call-record-writer");

let n = 0;
const row = (requestKey: string | null, reply: string) => ({
  runId: null,
  nodeId: null,
  role: "answer" as const,
  model: "sim-answerer",
  requestKey,
  attempt: 1,
  reply,
  promptTokens: 10,
  completionTokens: reply.length,
  latencyMs: 5,
});
const key = () => `writer-test:${Date.now()}:${++n}`;

describe("recordOkCall", () => {
  it("writes rows that arrive together in one statement each, every one committed when its promise resolves", async () => {
    const keys = Array.from({ length: 40 }, key);
    const results = await Promise.all(keys.map((k, i) => recordOkCall(row(k, `reply ${i}`))));
    expect(results.every((r) => r === null)).toBe(true);
    const stored = await getPrisma().llmCall.findMany({ where: { requestKey: { in: keys } } });
    expect(stored).toHaveLength(40);
    expect(new Map(stored.map((s) => [s.requestKey, s.reply])).get(keys[7])).toBe("reply 7");
    expect(stored.every((s) => s.outcome === "ok" && s.promptTokens === 10)).toBe(true);
  });

  it("keeps the result stored first under a key: a later row, or a second one in the same batch, gets that one", async () => {
    const taken = key();
    expect(await recordOkCall(row(taken, "first"))).toBeNull();
    const twice = key();
    const [again, one, other, free] = await Promise.all([
      recordOkCall(row(taken, "second")),
      recordOkCall(row(twice, "one")),
      recordOkCall(row(twice, "other")),
      recordOkCall(row(null, "no key")),
    ]);
    expect(again).toEqual({ reply: "first", promptTokens: 10, completionTokens: 5 });
    expect(one).toBeNull();
    expect(other).toEqual({ reply: "one", promptTokens: 10, completionTokens: 3 });
    expect(free).toBeNull();
    const rows = await getPrisma().llmCall.findMany({ where: { requestKey: { in: [taken, twice] } } });
    expect(rows.map((r) => r.reply).sort()).toEqual(["first", "one"]);
  });

  it("writes the other rows of a batch when one of them cannot be stored", async () => {
    const good = [key(), key()];
    const results = await Promise.allSettled([
      recordOkCall(row(good[0], "fine")),
      recordOkCall({ ...row(key(), "no such run"), runId: "00000000-0000-7000-8000-0000000000ff" }),
      recordOkCall(row(good[1], "fine too")),
    ]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect(await getPrisma().llmCall.count({ where: { requestKey: { in: good } } })).toBe(2);
  });
});

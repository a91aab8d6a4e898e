import { describe, expect, it } from "vitest";
import { parseBatchResults } from "./parse-results";

const ok = (customId: string, content: string | null) =>
  JSON.stringify({
    id: "batch_req_1",
    custom_id: customId,
    response: {
      status_code: 200,
      request_id: "req_1",
      body: { choices: [{ message: { content } }], usage: { prompt_tokens: 12, completion_tokens: 3 } },
    },
    error: null,
  });

describe("parseBatchResults", () => {
  it("reads replies and usage keyed by custom_id", () => {
    const results = parseBatchResults(`${ok("a:evolve", "Rewritten")}\n${ok("b:judge", null)}\n`);
    expect(results.get("a:evolve")).toEqual({
      customId: "a:evolve",
      ok: true,
      text: "Rewritten",
      promptTokens: 12,
      completionTokens: 3,
    });
    expect(results.get("b:judge")).toMatchObject({ ok: true, text: "" });
  });

  it("reads a failed line's status, code and message", () => {
    const line = JSON.stringify({
      custom_id: "c",
      response: { status_code: 429, body: { error: { message: "slow down", type: "requests", code: null } } },
      error: null,
    });
    expect(parseBatchResults(line).get("c")).toEqual({
      customId: "c",
      ok: false,
      status: 429,
      code: "requests",
      message: "slow down",
    });
  });

  it("reads an expired line, which has no response", () => {
    const line = JSON.stringify({
      custom_id: "d",
      response: null,
      error: { code: "batch_expired", message: "not executed in time" },
    });
    expect(parseBatchResults(line).get("d")).toEqual({
      customId: "d",
      ok: false,
      status: null,
      code: "batch_expired",
      message: "not executed in time",
    });
  });

  it("treats a 200 whose body is not a completion as failed", () => {
    const line = JSON.stringify({ custom_id: "e", response: { status_code: 200, body: { nope: 1 } } });
    expect(parseBatchResults(line).get("e")).toMatchObject({ ok: false, status: 200, code: "invalid_body" });
  });

  it("names the line it cannot read", () => {
    expect(() => parseBatchResults(`${ok("a", "x")}\n{broken`)).toThrow(/line 2 is not valid JSON/);
    expect(() => parseBatchResults(`${ok("a", "x")}\n{"response":null}`)).toThrow(/line 2 is not a batch result/);
  });
});

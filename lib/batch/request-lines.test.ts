import { describe, expect, it } from "vitest";
import { requestLine, splitIntoFiles, type BatchRequest } from "./request-lines";

const request = (customId: string, content = "hello"): BatchRequest => ({
  customId,
  body: { model: "m", messages: [{ role: "user", content }], max_tokens: 16 },
});

describe("requestLine", () => {
  it("wraps the body in OpenAI's batch line layout", () => {
    expect(JSON.parse(requestLine(request("k:evolve")))).toEqual({
      custom_id: "k:evolve",
      method: "POST",
      url: "/v1/chat/completions",
      body: { model: "m", messages: [{ role: "user", content: "hello" }], max_tokens: 16 },
    });
  });
});

describe("splitIntoFiles", () => {
  it("keeps everything in one file while it fits", () => {
    const files = splitIntoFiles([request("a"), request("b"), request("c")]);
    expect(files).toHaveLength(1);
    expect(files[0].customIds).toEqual(["a", "b", "c"]);
    expect(files[0].content.split("\n")).toHaveLength(4);
    expect(files[0].bytes).toBe(Buffer.byteLength(files[0].content));
  });

  it("splits by request count", () => {
    const requests = Array.from({ length: 7 }, (_, i) => request(`r${i}`));
    const files = splitIntoFiles(requests, { maxRequests: 3, maxBytes: 1e9 });
    expect(files.map((f) => f.customIds.length)).toEqual([3, 3, 1]);
    expect(files.flatMap((f) => f.customIds)).toEqual(requests.map((r) => r.customId));
  });

  it("splits by bytes, counting multi-byte characters as bytes", () => {
    const line = `${requestLine(request("x0", "é".repeat(100)))}\n`;
    const size = Buffer.byteLength(line);
    expect(size).toBeGreaterThan(line.length);
    const requests = Array.from({ length: 5 }, (_, i) => request(`x${i}`, "é".repeat(100)));
    const files = splitIntoFiles(requests, { maxRequests: 100, maxBytes: size * 2 });
    expect(files.map((f) => f.customIds.length)).toEqual([2, 2, 1]);
    for (const file of files) expect(file.bytes).toBeLessThanOrEqual(size * 2);
  });

  it("refuses a duplicate custom_id and a request larger than a file", () => {
    expect(() => splitIntoFiles([request("a"), request("a")])).toThrow(/custom_id a is in the batch twice/);
    expect(() => splitIntoFiles([request("big", "x".repeat(500))], { maxRequests: 10, maxBytes: 200 })).toThrow(
      /request big is \d+ bytes, more than a batch file holds \(200\)/,
    );
  });

  it("gives no file for no requests", () => {
    expect(splitIntoFiles([])).toEqual([]);
  });
});

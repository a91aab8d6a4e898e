import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readRateLimitHint } from "./adaptive-limit";
import { createBufferedFetch, usesEnvProxy } from "./buffered-fetch";
import { classifyLlmError } from "./classify-error";

// An HTTP server that answers each path its own way: the edges the openai client and classify-error.ts rely on.
const LARGE = "x".repeat(5_000_000);
const completion = (content: string) => ({
  id: "c1",
  object: "chat.completion",
  created: 0,
  model: "m",
  choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: "stop" }],
  usage: { prompt_tokens: 3, completion_tokens: 4, total_tokens: 7 },
});
const closedByClient: string[] = [];

function answer(req: IncomingMessage, res: ServerResponse) {
  const route = req.url!.split("/")[1];
  const json = (status: number, value: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { "content-type": "application/json", ...headers }).end(JSON.stringify(value));
  };
  switch (route) {
    case "ok":
      return json(200, completion(`echo ${req.headers["x-evol-request-key"]}`), {
        "x-ratelimit-remaining-requests": "41",
        "x-ratelimit-remaining-tokens": "9000",
      });
    case "large":
      return json(200, completion(LARGE));
    case "rate-limited":
      return json(429, { error: { message: "slow down" } }, { "retry-after": "7" });
    case "unavailable":
      return json(503, { error: { message: "overloaded" } });
    case "html":
      res.writeHead(502, { "content-type": "text/html" }).end("<html><body>Bad gateway</body></html>");
      return;
    case "plain":
      res.writeHead(200, { "content-type": "text/plain" }).end("not json at all");
      return;
    case "hang":
      req.socket.on("close", () => closedByClient.push(req.url!));
      return; // never answers
    case "reset":
      req.socket.destroy();
      return;
    case "redirect":
      res.writeHead(307, { location: "/ok/v1/chat/completions" }).end();
      return;
  }
  json(404, { error: { message: "no such route" } });
}

let server: ReturnType<typeof createServer>;
let origin: string;
let closedPort: number;

beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on("end", () => answer(req, res));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // A port nothing listens on: bound, noted and closed again.
  const spare = createServer();
  await new Promise<void>((resolve) => spare.listen(0, "127.0.0.1", resolve));
  closedPort = (spare.address() as AddressInfo).port;
  await new Promise((resolve) => spare.close(resolve));
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const params = { model: "m", messages: [{ role: "user" as const, content: "hi" }], max_tokens: 16 };

/** What the caller sees of one call: the classification callLlm acts on, or the reply. */
async function outcome(fetchImpl: typeof fetch | undefined, path: string, options: { timeout?: number } = {}) {
  const client = new OpenAI({
    baseURL: path.startsWith("http") ? path : `${origin}/${path}/v1`,
    apiKey: "k",
    maxRetries: 0,
    timeout: options.timeout ?? 10_000,
    ...(fetchImpl ? { fetch: fetchImpl } : {}),
  });
  try {
    const { data, response } = await client.chat.completions
      .create(params, { headers: { "x-evol-request-key": "key-1" } })
      .withResponse();
    return { reply: data.choices?.[0]?.message.content ?? data, hint: readRateLimitHint(response.headers) };
  } catch (error) {
    const { kind, retryAfterMs, status, retryable } = classifyLlmError(error);
    return { kind, retryAfterMs, status, retryable, error };
  }
}

describe("createBufferedFetch through the openai client", () => {
  const buffered = createBufferedFetch({ connections: 4 });

  it("returns the reply with its rate-limit headers, as node's fetch does", async () => {
    const expected = { reply: "echo key-1", hint: { remainingRequests: 41, remainingTokens: 9000 } };
    expect(await outcome(undefined, "ok")).toEqual(expected);
    expect(await outcome(buffered, "ok")).toEqual(expected);
  });

  it.each([
    ["rate-limited", { kind: "rate_limit", retryAfterMs: 7000, status: 429, retryable: true }],
    ["unavailable", { kind: "server_error", retryAfterMs: null, status: 503, retryable: true }],
    ["html", { kind: "server_error", status: 502 }],
    ["reset", { kind: "connection", status: null, retryable: true }],
  ])("classifies %s as node's fetch does", async (path, expected) => {
    const mine = await outcome(buffered, path);
    const theirs = await outcome(undefined, path);
    expect(mine).toMatchObject(expected);
    expect(theirs).toMatchObject(expected);
    expect(String((mine as { error: Error }).error.message)).toBe(String((theirs as { error: Error }).error.message));
  });

  it("keeps a non-JSON error body in the message and passes a non-JSON reply on as text", async () => {
    const html = (await outcome(buffered, "html")) as { error: Error };
    expect(html.error.message).toContain("Bad gateway");
    expect(await outcome(buffered, "plain")).toEqual({ reply: "not json at all", hint: undefined });
  });

  it("reads a large reply whole", async () => {
    const result = (await outcome(buffered, "large")) as { reply: string };
    expect(result.reply.length).toBe(LARGE.length);
  });

  it("follows a redirect", async () => {
    expect(await outcome(buffered, "redirect")).toMatchObject({ reply: "echo key-1" });
  });

  it("refuses with a connection error when nothing listens", async () => {
    const result = await outcome(buffered, `http://127.0.0.1:${closedPort}/v1`);
    expect(result).toMatchObject({ kind: "connection", status: null, retryable: true });
    expect((result as { error: Error }).error).toBeInstanceOf(OpenAI.APIConnectionError);
    expect((result as { error: Error }).error).not.toBeInstanceOf(OpenAI.APIConnectionTimeoutError);
  });

  it("times out with the client's timeout and closes the connection", async () => {
    const before = closedByClient.length;
    const started = performance.now();
    const result = await outcome(buffered, "hang", { timeout: 300 });
    expect(result).toMatchObject({ kind: "timeout", status: null, retryable: true });
    expect((result as { error: Error }).error).toBeInstanceOf(OpenAI.APIConnectionTimeoutError);
    expect(performance.now() - started).toBeLessThan(3_000);
    await expect.poll(() => closedByClient.length).toBe(before + 1);
  });

  it("gives up at once when the caller aborts mid-request, and closes the connection", async () => {
    const before = closedByClient.length;
    const client = new OpenAI({ baseURL: `${origin}/hang/v1`, apiKey: "k", maxRetries: 0, fetch: buffered });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const error = await client.chat.completions.create(params, { signal: controller.signal }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.APIUserAbortError);
    await expect.poll(() => closedByClient.length).toBe(before + 1);
  });

  it("rejects a signal already aborted without sending", async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(buffered(`${origin}/ok/v1/chat/completions`, { signal: controller.signal })).rejects.toMatchObject({
      name: "AbortError",
    });
  });

  it("returns a status without a body (204) as a Response without one", async () => {
    const noContent = createServer((_req, res) => res.writeHead(204, { "x-a": "1" }).end());
    await new Promise<void>((resolve) => noContent.listen(0, "127.0.0.1", resolve));
    try {
      const response = await buffered(`http://127.0.0.1:${(noContent.address() as AddressInfo).port}/`);
      expect(response.status).toBe(204);
      expect(response.body).toBeNull();
      expect(response.headers.get("x-a")).toBe("1");
    } finally {
      await new Promise((resolve) => noContent.close(resolve));
    }
  });
});

describe("usesEnvProxy", () => {
  it("uses HTTP(S)_PROXY only when node's fetch would", () => {
    expect(usesEnvProxy({ HTTPS_PROXY: "http://proxy:3128" }, [])).toBe(false);
    expect(usesEnvProxy({ NODE_USE_ENV_PROXY: "1" }, [])).toBe(true);
    expect(usesEnvProxy({}, ["--use-env-proxy"])).toBe(true);
    expect(usesEnvProxy({ NODE_OPTIONS: "--use-env-proxy" }, [])).toBe(true);
  });
});

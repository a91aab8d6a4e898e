import OpenAI, { BadRequestError, NotFoundError } from "openai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { buildAnswerPrompt, buildJudgePrompt } from "@/lib/evolution/templates";
import { createSimulator } from "./create-simulator";
import type { Simulator } from "./types";

let sim: Simulator;
let client: OpenAI;

beforeAll(async () => {
  sim = await createSimulator({ seed: "batches" });
  client = new OpenAI({ baseURL: sim.url, apiKey: "sim", maxRetries: 0 });
});
afterAll(() => sim.close());
beforeEach(() => {
  sim.setOptions({ batchDelayMs: 0, batchFailingLines: 0, batchExpire: 0 });
  sim.resetStats();
});

const line = (customId: string, content: string) =>
  JSON.stringify({
    custom_id: customId,
    method: "POST",
    url: "/v1/chat/completions",
    body: { model: "sim-answerer", messages: [{ role: "user", content }] },
  });

const prompts = (n: number) => Array.from({ length: n }, (_, i) => buildAnswerPrompt(`Name ${i + 2} prime numbers.`));

async function submit(lines: string[]) {
  const file = await client.files.create({
    file: new File([lines.join("\n") + "\n"], "input.jsonl", { type: "application/jsonl" }),
    purpose: "batch",
  });
  return client.batches.create({ input_file_id: file.id, endpoint: "/v1/chat/completions", completion_window: "24h" });
}

async function readJsonl(fileId: string | null | undefined): Promise<Array<Record<string, unknown>>> {
  if (!fileId) return [];
  const text = await (await client.files.content(fileId)).text();
  return text
    .split("\n")
    .filter(Boolean)
    .map((row) => JSON.parse(row) as Record<string, unknown>);
}

describe("files", () => {
  it("stores an upload with purpose=batch and serves it back", async () => {
    const content = `${line("a", "hello")}\n`;
    const file = await client.files.create({ file: new File([content], "in.jsonl"), purpose: "batch" });
    expect(file).toMatchObject({ object: "file", purpose: "batch", filename: "in.jsonl", bytes: content.length });
    expect((await client.files.retrieve(file.id)).id).toBe(file.id);
    expect(await (await client.files.content(file.id)).text()).toBe(content);
    await client.files.delete(file.id);
    await expect(client.files.retrieve(file.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("refuses other purposes", async () => {
    const error = await client.files
      .create({ file: new File(["x"], "x.jsonl"), purpose: "fine-tune" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestError);
  });
});

describe("batches", () => {
  it("answers every line like the chat endpoint, keyed by custom_id", async () => {
    const texts = prompts(3);
    const batch = await submit(texts.map((text, i) => line(`req-${i}`, text)));
    expect(batch.status).toBe("validating");
    const done = await client.batches.retrieve(batch.id);
    expect(done.status).toBe("completed");
    expect(done.request_counts).toEqual({ total: 3, completed: 3, failed: 0 });
    expect(done.error_file_id).toBeNull();
    const output = await readJsonl(done.output_file_id);
    expect(output.map((row) => row.custom_id)).toEqual(["req-0", "req-1", "req-2"]);
    const live = await client.chat.completions.create({
      model: "sim-answerer",
      messages: [{ role: "user", content: texts[1] }],
    });
    const response = output[1].response as { status_code: number; body: OpenAI.Chat.Completions.ChatCompletion };
    expect(response.status_code).toBe(200);
    expect(response.body.choices[0].message.content).toBe(live.choices[0].message.content);
    expect(response.body.usage?.prompt_tokens).toBeGreaterThan(0);
    expect(sim.stats().batches).toBe(1);
    expect(sim.stats().batchLinesByCustomId).toEqual({ "req-0": 1, "req-1": 1, "req-2": 1 });
  });

  it("stays in progress until its delay has passed", async () => {
    sim.setOptions({ batchDelayMs: 150 });
    const batch = await submit([line("slow", "hello")]);
    const early = await client.batches.retrieve(batch.id);
    expect(early.status).toBe("in_progress");
    expect(early.in_progress_at).toBeGreaterThan(0);
    expect(early.output_file_id).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await client.batches.retrieve(batch.id)).status).toBe("completed");
  });

  it("puts failing lines in the error file with a status and reason", async () => {
    sim.setOptions({ batchFailingLines: 0.5 });
    const batch = await submit(prompts(40).map((text, i) => line(`r${i}`, text)));
    const done = await client.batches.retrieve(batch.id);
    const output = await readJsonl(done.output_file_id);
    const errors = await readJsonl(done.error_file_id);
    expect(done.request_counts).toEqual({ total: 40, completed: output.length, failed: errors.length });
    expect(errors.length).toBeGreaterThan(5);
    expect(output.length).toBeGreaterThan(5);
    const ids = [...output, ...errors].map((row) => row.custom_id).sort();
    expect(ids).toEqual(Array.from({ length: 40 }, (_, i) => `r${i}`).sort());
    expect(errors[0]).toMatchObject({
      response: { status_code: 500, body: { error: { type: "server_error" } } },
      error: null,
    });
  });

  it("fails a line whose body is not a valid chat request, alone", async () => {
    const bad = JSON.stringify({ custom_id: "bad", method: "POST", url: "/v1/chat/completions", body: { model: "m" } });
    const done = await client.batches.retrieve((await submit([bad, line("good", "hi")])).id);
    expect(done.request_counts).toEqual({ total: 2, completed: 1, failed: 1 });
    const [error] = await readJsonl(done.error_file_id);
    expect(error).toMatchObject({ custom_id: "bad", response: { status_code: 400 } });
  });

  it("expires a batch: every line fails as batch_expired", async () => {
    sim.setOptions({ batchExpire: 1 });
    const done = await client.batches.retrieve((await submit([line("a", "x"), line("b", "y")])).id);
    expect(done.status).toBe("expired");
    expect(done.expired_at).toBeGreaterThan(0);
    expect(done.output_file_id).toBeNull();
    const errors = await readJsonl(done.error_file_id);
    expect(errors.map((row) => [row.custom_id, (row.error as { code: string }).code])).toEqual([
      ["a", "batch_expired"],
      ["b", "batch_expired"],
    ]);
  });

  it("fails a file with duplicate custom_ids or malformed lines, naming the line", async () => {
    const batch = await submit([line("same", "x"), line("same", "y"), "not json"]);
    expect(batch.status).toBe("failed");
    expect(batch.errors?.data?.map((e) => [e.code, e.line])).toEqual([
      ["duplicate_custom_id", 2],
      ["invalid_json_line", 3],
    ]);
    expect(sim.stats().batchLinesByCustomId).toEqual({});
  });

  it("cancels an open batch and refuses to cancel a finished one", async () => {
    sim.setOptions({ batchDelayMs: 60_000 });
    const open = await submit([line("c", "x")]);
    expect((await client.batches.cancel(open.id)).status).toBe("cancelling");
    const cancelled = await client.batches.retrieve(open.id);
    expect(cancelled.status).toBe("cancelled");
    expect(cancelled.output_file_id).toBeNull();
    sim.setOptions({ batchDelayMs: 0 });
    const finished = await submit([line("d", "x")]);
    await client.batches.retrieve(finished.id);
    await expect(client.batches.cancel(finished.id)).rejects.toBeInstanceOf(BadRequestError);
  });

  it("lists batches newest first, page by page", async () => {
    const ids = [];
    for (const name of ["l1", "l2", "l3"]) ids.push((await submit([line(name, buildJudgePrompt("a", "b"))])).id);
    const seen = [];
    for await (const batch of client.batches.list({ limit: 2 })) seen.push(batch.id);
    expect(seen.slice(0, 3)).toEqual(ids.reverse());
  });

  it("rejects unknown input files and wrong endpoints", async () => {
    await expect(
      client.batches.create({ input_file_id: "file-nope", endpoint: "/v1/chat/completions", completion_window: "24h" }),
    ).rejects.toBeInstanceOf(NotFoundError);
    const file = await client.files.create({ file: new File([line("e", "x")], "e.jsonl"), purpose: "batch" });
    await expect(
      client.batches.create({ input_file_id: file.id, endpoint: "/v1/embeddings", completion_window: "24h" }),
    ).rejects.toBeInstanceOf(BadRequestError);
  });
});

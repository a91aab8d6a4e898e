/**
 * CPU of the worker's LLM client per call, without the database: the openai client through node's built-in fetch
 * and through the buffered fetch (buffered-fetch.ts), against a simulator in another process, at a given
 * concurrency. Usage: npm run bench:llm-transport -- [--calls 6000] [--concurrency 128] [--rounds 2]
 */
import { spawn } from "node:child_process";
import { parseArgs } from "node:util";
import OpenAI from "openai";
import { createBufferedFetch } from "@/lib/server/llm/buffered-fetch";
import { buildCompletionParams } from "@/lib/server/llm/llm-settings";

const { values } = parseArgs({
  options: {
    calls: { type: "string", default: "6000" },
    concurrency: { type: "string", default: "128" },
    rounds: { type: "string", default: "2" },
    port: { type: "string", default: "4311" },
  },
});
const calls = Number(values.calls);
const concurrency = Number(values.concurrency);
const baseURL = `http://127.0.0.1:${values.port}/v1`;

async function startSimulator() {
  // The simulator itself, not npx: killing npx would leave its node child serving (and this process waiting on it).
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "scripts/cli/simulator.ts", "--port", values.port, "--latency", "200"],
    {
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  await new Promise<void>((resolve, reject) => {
    child.stdout.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes(values.port)) resolve();
    });
    child.on("exit", (code) => reject(new Error(`simulator exited with ${code}`)));
  });
  return child;
}

async function measure(client: OpenAI): Promise<number> {
  const params = buildCompletionParams(
    { model: "sim-answerer", temperature: 1, topP: 0.9, maxTokens: 2048 },
    "Write a short poem about the sea, in the style of a limerick, with a title.",
    { tokenParam: "max_tokens", sampling: true },
  );
  let next = 0;
  const worker = async () => {
    while (next < calls) {
      next++;
      const { data } = await client.chat.completions
        .create(params, { headers: { "x-evol-request-key": `k${next}` } })
        .withResponse();
      if (!data.choices[0]?.message.content) throw new Error("empty reply");
    }
  };
  await Promise.all(Array.from({ length: 32 }, worker)); // warm-up
  next = 0;
  const before = process.cpuUsage();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000 / calls;
}

const simulator = await startSimulator();
try {
  const options = { baseURL, apiKey: "simulator", maxRetries: 0, timeout: 60_000 };
  const builtIn = new OpenAI(options);
  const buffered = new OpenAI({ ...options, fetch: createBufferedFetch({ connections: concurrency }) });
  for (let round = 1; round <= Number(values.rounds); round++) {
    const a = await measure(builtIn);
    const b = await measure(buffered);
    console.log(`round ${round}: built-in fetch ${a.toFixed(3)} ms CPU per call, buffered fetch ${b.toFixed(3)} ms`);
  }
} finally {
  simulator.kill();
}

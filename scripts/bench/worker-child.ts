// A worker child process for benchmarks: the real `npm run worker` in
// bench-evolve-worker.ts (which counts its own LLM calls), with its output
// prefixed, readiness from its "worker started" line, a report over IPC and a
// graceful stop.
import { fork, type ChildProcess } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { MALLOC_ENV } from "@/lib/server/bootstrap/malloc-env";
import type { WorkerReport } from "./bench-evolve-worker";

const here = path.dirname(fileURLToPath(import.meta.url));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class WorkerChild {
  readonly child: ChildProcess;
  readonly label: string;
  readonly #ready: Promise<void>;
  readonly #exited: Promise<number | null>;
  #pendingReport: ((report: WorkerReport) => void) | null = null;

  /** `nice`: start the worker at this OS priority (`nice -n`, all its threads), e.g. 10 to yield the cores to others. */
  constructor(options: { label: string; env: NodeJS.ProcessEnv; nice?: number }) {
    this.label = options.label;
    const niced = options.nice ? ["-n", String(options.nice), process.execPath] : [];
    // BENCH_CPU_PROF=DIR: V8 CPU profile of the worker, written to DIR when it stops (open it in Chrome DevTools).
    const profile = process.env.BENCH_CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
    this.child = fork(path.join(here, "bench-evolve-worker.ts"), [], {
      ...(options.nice ? { execPath: "nice" } : {}),
      execArgv: [...niced, ...profile, "--import", "tsx"],
      // With the malloc setting `npm run worker` starts it with (decision 0051).
      env: { ...options.env, ...MALLOC_ENV },
      stdio: ["ignore", "pipe", "pipe", "ipc"],
    });
    let resolveReady: () => void = () => {};
    let rejectReady: (error: Error) => void = () => {};
    this.#ready = new Promise((resolve, reject) => {
      resolveReady = resolve;
      rejectReady = reject;
    });
    this.#exited = new Promise((resolve) => this.child.once("exit", (code) => resolve(code)));
    void this.#exited.then((code) =>
      rejectReady(new Error(`${this.label} exited with code ${code} before it was ready`)),
    );
    const forward = (stream: NodeJS.ReadableStream | null, sink: (line: string) => void) => {
      let buffered = "";
      stream?.setEncoding("utf8");
      stream?.on("data", (chunk: string) => {
        buffered += chunk;
        let newline: number;
        while ((newline = buffered.indexOf("\n")) >= 0) {
          const line = buffered.slice(0, newline);
          buffered = buffered.slice(newline + 1);
          if (line.includes("worker started")) resolveReady();
          sink(`  [${this.label}] ${line}`);
        }
      });
    };
    forward(this.child.stdout, (line) => console.log(line));
    forward(this.child.stderr, (line) => console.error(line));
    this.child.on("message", (message: unknown) => {
      if (typeof message === "object" && message !== null && (message as { type?: unknown }).type === "report") {
        this.#pendingReport?.(message as WorkerReport);
        this.#pendingReport = null;
      }
    });
  }

  async ready(timeoutMs = 60_000): Promise<void> {
    await Promise.race([
      this.#ready,
      sleep(timeoutMs).then(() => Promise.reject(new Error(`${this.label} not ready after ${timeoutMs} ms`))),
    ]);
  }

  async report(timeoutMs = 10_000): Promise<WorkerReport> {
    const answer = new Promise<WorkerReport>((resolve) => (this.#pendingReport = resolve));
    this.child.send({ type: "report" });
    return Promise.race([
      answer,
      sleep(timeoutMs).then(() => Promise.reject(new Error(`${this.label} sent no report`))),
    ]);
  }

  /** SIGTERM (the worker's graceful stop), SIGKILL if it has not exited within `timeoutMs`. */
  async stop(timeoutMs = 40_000): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill("SIGTERM");
    const exited = await Promise.race([this.#exited.then(() => true), sleep(timeoutMs).then(() => false)]);
    if (!exited) {
      console.error(`  [${this.label}] did not stop within ${timeoutMs} ms; SIGKILL`);
      this.child.kill("SIGKILL");
      await this.#exited;
    }
  }
}

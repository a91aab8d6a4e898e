import path from "node:path";
import { Worker } from "node:worker_threads";
import type { ExportSelection } from "@/lib/validation/export";
import { EXPORT_THREAD_LIMITS, threadArgv } from "./thread-options";

/**
 * The thread's entry, found from the app's folder at run time: the route that
 * asks for a count is bundled by Next, so a path relative to this module would
 * point into the build output. The thread loads TypeScript with tsx.
 */
const ENTRY = path.resolve(process.cwd(), "lib/server/export/near-duplicate-thread-main.ts");

type Reply = { id: number; count: number } | { id: number; error: string };
type Pending = { resolve: (count: number) => void; reject: (error: unknown) => void };

let thread: Worker | null = null;
let nextId = 1;
const pending = new Map<number, Pending>();

/**
 * One thread, started on first use and kept (starting a thread costs seconds:
 * loading the code and connecting to Postgres), unref'd so it never keeps the
 * process alive. If it dies, every count it held fails and the next count
 * starts a new one.
 */
function countingThread(): Worker {
  if (thread) return thread;
  const started = new Worker(ENTRY, { execArgv: threadArgv(), resourceLimits: EXPORT_THREAD_LIMITS });
  started.unref();
  started.on("message", (reply: Reply) => {
    const waiting = pending.get(reply.id);
    pending.delete(reply.id);
    if ("error" in reply) waiting?.reject(new Error(reply.error));
    else waiting?.resolve(reply.count);
  });
  const fail = (error: Error) => {
    if (thread === started) thread = null;
    for (const waiting of pending.values()) waiting.reject(error);
    pending.clear();
  };
  started.on("error", fail);
  started.on("exit", (code) => fail(new Error(`the near-duplicate count thread exited with code ${code}`)));
  thread = started;
  return started;
}

/**
 * countNearDuplicates in the counting thread: hashing every selected
 * instruction is CPU work that would hold up every other request on the web
 * server's event loop. Aborting `signal` rejects at once with the signal's
 * reason and tells the thread to stop that count after the page it is on.
 */
export function countNearDuplicatesInThread(options: {
  projectId: string;
  selection: ExportSelection;
  threshold: number;
  signal: AbortSignal;
}): Promise<number> {
  const { signal, ...work } = options;
  signal.throwIfAborted();
  const worker = countingThread();
  const id = nextId++;
  return new Promise<number>((resolve, reject) => {
    const onAbort = () => {
      pending.delete(id);
      worker.postMessage({ type: "cancel", id });
      reject(signal.reason);
    };
    signal.addEventListener("abort", onAbort, { once: true });
    const done = () => signal.removeEventListener("abort", onAbort);
    pending.set(id, {
      resolve: (count) => (done(), resolve(count)),
      reject: (error) => (done(), reject(error)),
    });
    worker.postMessage({ type: "count", id, ...work });
  });
}

/** Counts the thread is working on (a cancelled one is dropped at once, though the thread finishes its page). */
export const countsInThread = (): number => pending.size;

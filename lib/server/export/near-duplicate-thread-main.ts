// Entry of the thread near-duplicate-thread.ts keeps: counts near-duplicates
// for each job posted to it, several at once, and stops a job when told to
// (between pages of the count).
import { parentPort } from "node:worker_threads";
import type { ExportSelection } from "@/lib/validation/export";
import { countNearDuplicates } from "./count-near-duplicates";

type Message =
  | { type: "count"; id: number; projectId: string; selection: ExportSelection; threshold: number }
  | { type: "cancel"; id: number };

const running = new Map<number, AbortController>();

parentPort!.on("message", async (message: Message) => {
  if (message.type === "cancel") return running.get(message.id)?.abort();
  const abort = new AbortController();
  running.set(message.id, abort);
  try {
    const { projectId, selection, threshold } = message;
    const count = await countNearDuplicates({ projectId, selection, threshold, signal: abort.signal });
    parentPort!.postMessage({ id: message.id, count });
  } catch (error) {
    parentPort!.postMessage({ id: message.id, error: error instanceof Error ? error.message : String(error) });
  } finally {
    running.delete(message.id);
  }
});

import type { IncomingMessage, ServerResponse } from "node:http";
import { createRandom } from "@/lib/evolution/random";
import { answerBatchLines, expiredLines, parseBatchInput, type BatchLine, type LineProblem } from "./batch-lines";
import type { FileStore } from "./file-store";
import type { ChatContext } from "./handle-chat";
import { HttpError, readBody, sendJson } from "./http-helpers";

const ENDPOINT = "/v1/chat/completions";

interface SimBatch {
  id: string;
  inputFileId: string;
  metadata: Record<string, string> | null;
  status: "validating" | "failed" | "in_progress" | "completed" | "expired" | "cancelling" | "cancelled";
  lines: BatchLine[];
  problems: LineProblem[];
  dueMs: number;
  willExpire: boolean;
  times: Partial<
    Record<"created" | "in_progress" | "completed" | "failed" | "expired" | "cancelling" | "cancelled", number>
  >;
  outputFileId?: string;
  errorFileId?: string;
  completed: number;
  failed: number;
}

const seconds = () => Math.floor(Date.now() / 1000);

function batchObject(batch: SimBatch) {
  const created = batch.times.created ?? 0;
  return {
    id: batch.id,
    object: "batch",
    endpoint: ENDPOINT,
    errors: batch.problems.length
      ? {
          object: "list",
          data: batch.problems.map((p) => ({ code: p.code, message: p.message, param: null, line: p.line })),
        }
      : null,
    input_file_id: batch.inputFileId,
    completion_window: "24h",
    status: batch.status,
    output_file_id: batch.outputFileId ?? null,
    error_file_id: batch.errorFileId ?? null,
    created_at: created,
    in_progress_at: batch.times.in_progress ?? null,
    expires_at: created + 24 * 3600,
    finalizing_at: batch.times.completed ?? null,
    completed_at: batch.times.completed ?? null,
    failed_at: batch.times.failed ?? null,
    expired_at: batch.times.expired ?? null,
    cancelling_at: batch.times.cancelling ?? null,
    cancelled_at: batch.times.cancelled ?? null,
    request_counts: { total: batch.lines.length, completed: batch.completed, failed: batch.failed },
    metadata: batch.metadata,
  };
}

/** The simulator's batches: they finish lazily, when first looked at after their delay. */
export class BatchStore {
  private readonly batches = new Map<string, SimBatch>();
  private count = 0;

  constructor(
    private readonly files: FileStore,
    private readonly ctx: ChatContext,
  ) {}

  create(body: unknown) {
    const {
      input_file_id: inputFileId,
      endpoint,
      completion_window: window,
      metadata,
    } = (body ?? {}) as Record<string, unknown>;
    if (typeof inputFileId !== "string")
      throw new HttpError(400, "input_file_id is required", "invalid_request_error", "missing_required_parameter");
    if (endpoint !== ENDPOINT) throw new HttpError(400, `the simulator only batches ${ENDPOINT}`);
    if (window !== "24h") throw new HttpError(400, "completion_window must be 24h");
    const input = this.files.get(inputFileId);
    if (input.purpose !== "batch") throw new HttpError(400, `file ${inputFileId} was not uploaded with purpose=batch`);
    const { lines, problems } = parseBatchInput(input.content.toString("utf8"), ENDPOINT);
    this.count++;
    const id = `batch_sim_${String(this.count).padStart(6, "0")}`;
    const { options, stats } = this.ctx;
    stats.batches++;
    const now = seconds();
    const batch: SimBatch = {
      id,
      inputFileId,
      metadata: (metadata as Record<string, string> | undefined) ?? null,
      status: problems.length ? "failed" : "validating",
      lines: problems.length ? [] : lines,
      problems,
      dueMs: Date.now() + options.batchDelayMs,
      willExpire: createRandom(`${options.seed}\u0000batch\u0000${id}`)() < options.batchExpire,
      times: problems.length ? { created: now, failed: now } : { created: now },
      completed: 0,
      failed: 0,
    };
    for (const line of batch.lines)
      stats.batchLinesByCustomId[line.customId] = (stats.batchLinesByCustomId[line.customId] ?? 0) + 1;
    this.batches.set(id, batch);
    return batchObject(batch);
  }

  retrieve(id: string) {
    return batchObject(this.refresh(this.get(id)));
  }

  cancel(id: string) {
    const batch = this.refresh(this.get(id));
    if (batch.status === "validating" || batch.status === "in_progress") {
      batch.status = "cancelling";
      batch.times.cancelling = seconds();
    } else if (batch.status !== "cancelling" && batch.status !== "cancelled") {
      throw new HttpError(400, `Cannot cancel a batch with status '${batch.status}'.`);
    }
    return batchObject(batch);
  }

  list(limit: number, after: string | null) {
    const all = [...this.batches.values()].reverse();
    const start = after === null ? 0 : all.findIndex((b) => b.id === after) + 1;
    const page = all.slice(start, start + limit).map((b) => batchObject(this.refresh(b)));
    return {
      object: "list",
      data: page,
      first_id: page[0]?.id ?? null,
      last_id: page.at(-1)?.id ?? null,
      has_more: start + limit < all.length,
    };
  }

  private get(id: string): SimBatch {
    const batch = this.batches.get(id);
    if (!batch) throw new HttpError(404, `No batch found with id '${id}'.`, "invalid_request_error", "not_found");
    return batch;
  }

  private refresh(batch: SimBatch): SimBatch {
    const now = seconds();
    if (batch.status === "cancelling") {
      batch.status = "cancelled";
      batch.times.cancelled = now;
      return batch;
    }
    if (batch.status === "validating") {
      batch.status = "in_progress";
      batch.times.in_progress = now;
    }
    if (batch.status !== "in_progress" || Date.now() < batch.dueMs) return batch;
    if (batch.willExpire) {
      batch.status = "expired";
      batch.times.expired = now;
      batch.failed = batch.lines.length;
      batch.errorFileId = this.write(batch, "error", expiredLines(batch.id, batch.lines));
      return batch;
    }
    const { output, errors } = answerBatchLines(batch.id, batch.lines, this.ctx);
    batch.status = "completed";
    batch.times.completed = now;
    batch.completed = output.length;
    batch.failed = errors.length;
    if (output.length) batch.outputFileId = this.write(batch, "output", output);
    if (errors.length) batch.errorFileId = this.write(batch, "error", errors);
    return batch;
  }

  private write(batch: SimBatch, kind: "output" | "error", lines: string[]): string {
    const content = Buffer.from(lines.map((line) => `${line}\n`).join(""), "utf8");
    return this.files.add({ filename: `${batch.id}_${kind}.jsonl`, purpose: "batch_output", content }).id;
  }
}

/** /v1/batches: create, retrieve, cancel, list. Returns false for other paths. */
export async function routeBatches(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  store: BatchStore,
): Promise<boolean> {
  if (path === "/v1/batches" && req.method === "POST") {
    let body: unknown;
    try {
      body = JSON.parse(await readBody(req));
    } catch {
      throw new HttpError(400, "request body is not valid JSON", "invalid_request_error", "invalid_json");
    }
    sendJson(res, 200, store.create(body));
    return true;
  }
  if (path === "/v1/batches" && req.method === "GET") {
    const query = new URL(req.url ?? "/", "http://simulator").searchParams;
    const limit = Math.min(100, Math.max(1, Number(query.get("limit") ?? 20) || 20));
    sendJson(res, 200, store.list(limit, query.get("after")));
    return true;
  }
  const match = /^\/v1\/batches\/([^/]+)(\/cancel)?$/.exec(path);
  if (!match) return false;
  const [, id, cancel] = match;
  if (req.method === "GET" && !cancel) sendJson(res, 200, store.retrieve(id));
  else if (req.method === "POST" && cancel) sendJson(res, 200, store.cancel(id));
  else return false;
  return true;
}

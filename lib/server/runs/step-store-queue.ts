import { isDatabaseUnreachable } from "@/lib/server/db/database-health";
import { withNamedStatements } from "@/lib/server/db/statement-names";
import { duplicateHashOf } from "@/lib/text/duplicate-text";
import { completeStep, type CompleteStepOptions } from "./complete-step";
import { completeStepsTogether } from "./complete-steps-together";
import { isJudged } from "./judge-duplicate";
import { siblingsLockKey } from "./sibling-lock";

/** At most this many steps in one transaction. */
export const MAX_STORE_BATCH = 64;

interface Waiting {
  options: CompleteStepOptions;
  family: string;
  /** The text's key when the duplicate rule compares it (its hash lock); null when the rule does not. */
  text: string | null;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * The store of a worker process's finished steps (decision 0053). A step's outcome waits here up to `windowMs`
 * for others, and the steps that finished meanwhile are stored together in one transaction
 * (complete-steps-together.ts): a transaction and its statements cost Postgres and the worker about as much for
 * eight nodes as for one. One batch is stored at a time: a step waits its window, or until the batch being stored
 * has ended if that is later. Two steps of one parent, or with one text that the duplicate rule compares, are never
 * in one batch (the later waits for the next). Should a batch fail, its steps are stored one by one (completeStep),
 * so that a step the database refuses fails alone; when the database is away, every step of it gets that error and
 * is stored again once the database is back (the caller's withDatabaseRetry).
 */
export class StepStoreQueue {
  #waiting: Waiting[] = [];
  #storing = false;
  #timer: NodeJS.Timeout | null = null;
  #gatherSince = 0;

  constructor(public windowMs: number) {}

  /** Resolves once the step is stored (with others or alone); rejects with the error that kept it from it. */
  store(options: CompleteStepOptions): Promise<void> {
    if (this.windowMs === 0) return completeStep(options);
    const { step, projectId, outcome } = options;
    return new Promise<void>((resolve, reject) => {
      this.#waiting.push({
        options,
        family: siblingsLockKey(step.runId, step.parentId),
        text: isJudged(options.duplicateRule, outcome)
          ? `${projectId}:${duplicateHashOf(outcome.instruction, outcome.input)}`
          : null,
        resolve,
        reject,
      });
      if (this.#waiting.length === 1) this.#gatherSince = Date.now();
      this.#schedule();
    });
  }

  #schedule(): void {
    if (this.#storing || this.#waiting.length === 0) return;
    if (this.#waiting.length >= MAX_STORE_BATCH) {
      if (this.#timer) clearTimeout(this.#timer);
      this.#timer = null;
      void this.#storeBatch();
      return;
    }
    if (this.#timer) return;
    const wait = Math.max(0, this.#gatherSince + this.windowMs - Date.now());
    this.#timer = setTimeout(() => {
      this.#timer = null;
      void this.#storeBatch();
    }, wait);
  }

  /** The waiting steps that go together: in order of arrival, one per parent and one per text the rule compares. */
  #take(): Waiting[] {
    const batch: Waiting[] = [];
    const families = new Set<string>();
    const texts = new Set<string>();
    const left: Waiting[] = [];
    for (const w of this.#waiting) {
      if (batch.length < MAX_STORE_BATCH && !families.has(w.family) && (w.text === null || !texts.has(w.text))) {
        batch.push(w);
        families.add(w.family);
        if (w.text !== null) texts.add(w.text);
      } else left.push(w);
    }
    this.#waiting = left;
    return batch;
  }

  async #storeBatch(): Promise<void> {
    this.#storing = true;
    const batch = this.#take();
    try {
      await withNamedStatements(() => storeTogether(batch));
    } finally {
      this.#storing = false;
      this.#schedule();
    }
  }
}

async function storeTogether(batch: Waiting[]): Promise<void> {
  try {
    if (batch.length === 1) await completeStep(batch[0].options);
    else await completeStepsTogether(batch.map((w) => w.options));
    for (const w of batch) w.resolve();
    return;
  } catch (error) {
    if (batch.length === 1 || isDatabaseUnreachable(error)) {
      for (const w of batch) w.reject(error);
      return;
    }
  }
  for (const w of batch) {
    try {
      await completeStep(w.options);
      w.resolve();
    } catch (error) {
      w.reject(error);
    }
  }
}

const queues = globalThis as unknown as { evolStepStoreQueue?: StepStoreQueue };

/** Stores a finished step with those finishing within `windowMs` of it (0: at once, alone). */
export function storeFinishedStep(options: CompleteStepOptions, windowMs: number): Promise<void> {
  const queue = (queues.evolStepStoreQueue ??= new StepStoreQueue(windowMs));
  queue.windowMs = windowMs;
  return queue.store(options);
}

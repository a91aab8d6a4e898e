// A realistic Evol-Instruct forest as row batches, with no database: seeds,
// then four rounds of one evolution per lineage as the engine runs them
// (continuous mode, branching 1, the pool rule), then human reviews.
// Deterministic: the same options give the same rows.
import { contentHashOf } from "@/lib/seeds/content-hash";
import { OPERATIONS } from "@/lib/evolution/operations";
import { stepKeyOf } from "@/lib/server/runs/step-key";
import { callsOfEvolution } from "./scale-calls";
import { simulateEvolution } from "./scale-outcome";
import {
  EVOLUTION_SPACING_MS,
  MODEL_OF,
  planScale,
  SCALE_ROUNDS,
  SCALE_TEMPLATE_VERSION,
  scaleTimeline,
} from "./scale-plan";
import { createRng, uuid7At } from "./scale-random";
import { reviewNode } from "./scale-reviews";
import { answerText, newTask, type TextNode } from "./scale-text";
import type { CallRow, NodeRow, ReviewRow, ScaleBatch, StepRow } from "./scale-types";
import { SKILLS } from "./scale-vocabulary";

export interface GenerateScaleOptions {
  nodes: number;
  /** Seed of all content; the same seed gives the same texts, verdicts and reviews. */
  seed: string;
  runId: string;
  annotatorIds: readonly string[];
  /** Ids and times are laid out backwards from here, so ids differ between invocations. */
  now: number;
  batchSize?: number;
  withCalls?: boolean;
}

/** Eliminations get a little more frequent as instructions get harder: ~25% overall. */
export const FAIL_SHARE_BY_ROUND = [0.21, 0.24, 0.27, 0.3];
export const SEED_DIFFICULTY_SHARE = 0.4;
/** Most imported seeds come with a reference answer (Alpaca's all do). */
export const SEED_OUTPUT_SHARE = 0.92;
export const EVOLVED_DIFFICULTY_SHARE = 0.5;

interface Lineage {
  rootId: string;
  parentId: string;
  parentRound: number;
  text: TextNode;
  baseDifficulty: number;
  lastFinish: number;
  /** The MinHash signature of the parent's text, once computed. */
  signature: Uint32Array | null;
}

const clamp = (v: number) => Math.min(10, Math.max(1, v));

export function* generateScale(options: GenerateScaleOptions): Generator<ScaleBatch> {
  const batchSize = options.batchSize ?? 5_000;
  const plan = planScale(options.nodes);
  const time = scaleTimeline(plan, options.now);
  const rng = createRng(`${options.seed}:content`);
  const reviewRng = createRng(`${options.seed}:reviews`);
  const callRng = createRng(`${options.seed}:calls`);
  const ids = createRng(`${options.seed}:ids:${options.now}`).next;
  // Its own id stream, so --with-calls leaves every other row as it was.
  const callIds = createRng(`${options.seed}:call-ids:${options.now}`).next;

  const lineages: Lineage[] = [];
  let nodes: NodeRow[] = [];
  for (let i = 0; i < plan.seeds; i++) {
    const text = newTask(rng, rng.pick(SKILLS));
    const baseDifficulty = rng.int(1, 7);
    const createdAt = time.seedsAt + i;
    const id = uuid7At(createdAt, ids);
    const metadata: Record<string, unknown> = { skill: text.skill };
    if (rng.chance(SEED_DIFFICULTY_SHARE)) metadata.difficulty = clamp(baseDifficulty + rng.int(-1, 1));
    nodes.push({
      id,
      rootId: id,
      parentId: null,
      round: 0,
      instruction: text.instruction,
      input: text.input,
      output: rng.chance(SEED_OUTPUT_SHARE) ? answerText(rng, text) : null,
      metadata: JSON.stringify(metadata),
      contentHash: contentHashOf(text.instruction, text.input),
      runId: null,
      operation: null,
      templateVersion: null,
      stepKey: null,
      rawReply: null,
      evolveModel: null,
      answerModel: null,
      verdict: "passed",
      failedRules: [],
      eliminator: null,
      humanStatus: "unreviewed",
      difficulty: null,
      createdAt,
      updatedAt: createdAt,
    });
    if (i < plan.runSeeds)
      lineages.push({
        rootId: id,
        parentId: id,
        parentRound: 0,
        text,
        baseDifficulty,
        lastFinish: time.runStartedAt,
        signature: null,
      });
    if (nodes.length === batchSize) {
      yield { kind: "nodes", rows: nodes };
      nodes = [];
    }
  }
  if (nodes.length) yield { kind: "nodes", rows: nodes };

  let reviews: ReviewRow[] = [];
  for (let round = 1; round <= SCALE_ROUNDS; round++) {
    for (let start = 0; start < lineages.length; start += batchSize) {
      const children: NodeRow[] = [];
      const steps: StepRow[] = [];
      const calls: CallRow[] = [];
      for (let j = start; j < Math.min(start + batchSize, lineages.length); j++) {
        const lineage = lineages[j];
        const operation = rng.pick(OPERATIONS);
        const outcome = simulateEvolution(
          rng,
          operation,
          { ...lineage.text, id: lineage.parentId, signature: lineage.signature },
          FAIL_SHARE_BY_ROUND[round - 1],
        );
        const childRound = lineage.parentRound + 1;
        const difficulty = rng.chance(EVOLVED_DIFFICULTY_SHARE)
          ? clamp(lineage.baseDifficulty + childRound + rng.int(-1, 1))
          : null;
        // Round 1's steps are all created when the run starts; later ones when the lineage's previous step ends.
        const createdAt = lineage.lastFinish;
        const slot = ((round - 1) * lineages.length + j) * EVOLUTION_SPACING_MS;
        const finishedAt = Math.max(time.runStartedAt + slot + rng.int(500, 3_000), createdAt + 200);
        const childId = uuid7At(finishedAt, ids);
        const stepKey = stepKeyOf(options.runId, lineage.parentId, round, 0);
        const nodeReviews = reviewNode({
          rng: reviewRng,
          ids,
          nodeId: childId,
          passed: outcome.passed,
          failedRules: outcome.failedRules,
          annotatorIds: options.annotatorIds,
          from: time.reviewsFrom,
          to: time.reviewsTo,
        });
        const latest = nodeReviews.at(-1);
        const tokens =
          Math.round(
            (lineage.text.instruction.length * 3 + outcome.text.instruction.length * 2 + outcome.answer.length) / 4,
          ) + 1_700;
        children.push({
          id: childId,
          rootId: lineage.rootId,
          parentId: lineage.parentId,
          round: childRound,
          instruction: outcome.text.instruction,
          input: outcome.text.input,
          output: outcome.answer,
          metadata: JSON.stringify({ tokens }),
          contentHash: contentHashOf(outcome.text.instruction, outcome.text.input),
          runId: options.runId,
          operation,
          templateVersion: SCALE_TEMPLATE_VERSION,
          stepKey,
          rawReply: outcome.rawReply,
          evolveModel: MODEL_OF.evolve,
          answerModel: MODEL_OF.answer,
          verdict: outcome.passed ? "passed" : "failed",
          failedRules: outcome.failedRules,
          eliminator: JSON.stringify(outcome.eliminator),
          humanStatus: latest ? (latest.decision === "accept" ? "accepted" : "rejected") : "unreviewed",
          difficulty,
          createdAt: finishedAt,
          updatedAt: latest?.createdAt ?? finishedAt,
        });
        steps.push({
          id: uuid7At(createdAt, ids),
          parentId: lineage.parentId,
          rootId: lineage.rootId,
          round,
          slot: 0,
          stepKey,
          operation,
          childId,
          passed: outcome.passed,
          createdAt,
          finishedAt,
        });
        reviews.push(...nodeReviews);
        if (options.withCalls) {
          calls.push(
            ...callsOfEvolution({
              rng: callRng,
              ids: callIds,
              nodeId: childId,
              stepKey,
              parentInstruction: lineage.text.instruction,
              instruction: outcome.text.instruction,
              rawReply: outcome.rawReply,
              answer: outcome.answer,
              judgeReply: outcome.judgeReply,
              difficulty,
              startedAt: createdAt,
              finishedAt,
            }),
          );
        }
        // The pool rule: a passing child is the lineage's next parent; after a failure the parent is evolved again.
        if (outcome.passed)
          Object.assign(lineage, {
            parentId: childId,
            parentRound: childRound,
            text: outcome.text,
            signature: outcome.signature,
          });
        else lineage.signature = outcome.parentSignature;
        lineage.lastFinish = finishedAt;
      }
      yield { kind: "nodes", rows: children };
      yield { kind: "steps", rows: steps };
      if (calls.length) yield { kind: "calls", rows: calls };
      if (reviews.length >= batchSize) {
        yield { kind: "reviews", rows: reviews };
        reviews = [];
      }
    }
  }
  if (reviews.length) yield { kind: "reviews", rows: reviews };
}

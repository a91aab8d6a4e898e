// Row shapes the scale generator yields and the inserter writes. Times are
// epoch milliseconds; JSON columns are already serialised.
import type { Operation } from "@/lib/evolution/operations";

export type HumanStatus = "unreviewed" | "accepted" | "rejected";

export interface NodeRow {
  id: string;
  rootId: string;
  parentId: string | null;
  round: number;
  instruction: string;
  input: string;
  output: string | null;
  metadata: string;
  contentHash: string;
  runId: string | null;
  operation: Operation | null;
  templateVersion: string | null;
  stepKey: string | null;
  rawReply: string | null;
  evolveModel: string | null;
  answerModel: string | null;
  verdict: "passed" | "failed";
  failedRules: string[];
  eliminator: string | null;
  humanStatus: HumanStatus;
  difficulty: number | null;
  createdAt: number;
  updatedAt: number;
}

export interface StepRow {
  id: string;
  parentId: string;
  rootId: string;
  round: number;
  slot: number;
  stepKey: string;
  operation: Operation;
  childId: string;
  passed: boolean;
  createdAt: number;
  finishedAt: number;
}

export interface ReviewRow {
  id: string;
  nodeId: string;
  reviewerId: string;
  decision: "accept" | "reject";
  reasonTags: string[];
  note: string;
  createdAt: number;
}

export interface CallRow {
  id: string;
  nodeId: string;
  requestKey: string;
  role: "evolve" | "answer" | "judge" | "difficulty";
  model: string;
  reply: string;
  promptTokens: number;
  completionTokens: number;
  latencyMs: number;
  createdAt: number;
}

/** Batches come in an order that satisfies every foreign key: a node's parent before it, steps, reviews and calls after their nodes. */
export type ScaleBatch =
  | { kind: "nodes"; rows: NodeRow[] }
  | { kind: "steps"; rows: StepRow[] }
  | { kind: "reviews"; rows: ReviewRow[] }
  | { kind: "calls"; rows: CallRow[] };

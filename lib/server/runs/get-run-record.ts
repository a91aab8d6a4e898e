import { getPrisma } from "@/lib/server/db/prisma";
import { isUuid } from "@/lib/server/db/is-uuid";
import { NotFoundError } from "@/lib/server/errors";
import { parseRunConfig, type RunConfig } from "./run-config";

export interface RunRecord {
  id: string;
  projectId: string;
  status: string;
  mode: "continuous" | "gated";
  rounds: number;
  batch: boolean;
  config: RunConfig;
  maxTokens: number | null;
  maxCostUsd: number | null;
  method: string;
  methodVersion: number;
  createdAt: Date;
  startedAt: Date | null;
}

/** A run's row as it was stored when it started: its options, caps and method; NotFoundError for an unknown run. */
export async function getRunRecord(options: { runId: string }): Promise<RunRecord> {
  const run = isUuid(options.runId)
    ? await getPrisma().run.findUnique({
        where: { id: options.runId },
        include: { methodVersion: { select: { version: true, method: { select: { name: true } } } } },
      })
    : null;
  if (!run) throw new NotFoundError("Unknown run.");
  return {
    id: run.id,
    projectId: run.projectId,
    status: run.status,
    mode: run.mode,
    rounds: run.rounds,
    batch: run.batch,
    config: parseRunConfig(run.config),
    maxTokens: run.maxTokens === null ? null : Number(run.maxTokens),
    maxCostUsd: run.maxCostUsd?.toNumber() ?? null,
    method: run.methodVersion.method.name,
    methodVersion: run.methodVersion.version,
    createdAt: run.createdAt,
    startedAt: run.startedAt,
  };
}

import { createHash } from "node:crypto";
import type { InDepthOperation, MethodTexts } from "@/lib/evolution/method-texts";
import { methodTextsSchema } from "@/lib/evolution/method-texts";
import { costOf } from "@/lib/evolution/call-budget";
import { buildRefinePrompt, operationsWithCases, type RefineCase } from "@/lib/evolution/refine-prompt";
import { parseRefineReply } from "@/lib/evolution/refine-reply";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import { getPrisma } from "@/lib/server/db/prisma";
import { InvalidInputError, NotFoundError, UserFacingError } from "@/lib/server/errors";
import { callLlm, LlmCallFailedError } from "@/lib/server/llm/call-llm";
import { resolveEndpoint, type LlmEndpoint } from "@/lib/server/llm/endpoints";
import { roleSettingsFromEnv } from "@/lib/server/llm/llm-settings";
import { modelPricesFromEnv } from "@/lib/server/llm/model-prices";
import type { SuggestMethodRevisionOptions } from "@/lib/validation/methods";
import { gatherMethodFailures, type MethodFailures } from "./gather-failures";

export const SIMULATOR_OPTIMIZER_MODEL = "sim-optimizer";

export interface MethodRevisionSuggestion {
  /** The version the suggestion revises (accepting it saves the method's next version). */
  basedOn: { id: string; version: number };
  current: MethodTexts;
  suggested: MethodTexts;
  /** Operations asked about (those with failures), and those whose sentence the optimizer changed. */
  asked: InDepthOperation[];
  revised: InDepthOperation[];
  cases: RefineCase[];
  totals: MethodFailures["totals"];
  model: string;
  tokens: { prompt: number | null; completion: number | null };
  /** US dollars by LLM_PRICES (null: the model has no price); 0 when the stored reply was reused. */
  costUsd: number | null;
  /** The same cases were sent to the same model before: its stored reply was used, and nothing paid. */
  reused: boolean;
}

/**
 * "Suggest a revision": a method version's recent failures go to the
 * optimizer, whose reply is read as one revised sentence per operation. The
 * call goes through callLlm (recorded in llm_calls, role optimizer) under a
 * key made of the endpoint, the settings and the prompt, so asking again
 * about the same failures reuses the stored reply instead of paying twice.
 * Nothing is saved but that call: accepting saves a version (saveMethodVersion).
 */
export async function suggestMethodRevision(
  options: SuggestMethodRevisionOptions & { actorId: string | null },
): Promise<MethodRevisionSuggestion> {
  const version = await getPrisma().methodVersion.findUnique({
    where: { id: options.methodVersionId },
    select: { id: true, version: true, texts: true, methodId: true, method: { select: { name: true } } },
  });
  if (!version) throw new NotFoundError("That method version does not exist.");
  const current = methodTextsSchema.parse(version.texts);
  const { cases, totals } = await gatherMethodFailures({ methodVersionId: version.id });
  if (cases.length === 0)
    throw new InvalidInputError(
      `${version.method.name} v${version.version} has no eliminated or rejected in-depth evolutions yet: ` +
        "there is nothing to learn from.",
    );
  const asked = operationsWithCases(cases);
  const prompt = buildRefinePrompt(current, cases);
  let endpoint: LlmEndpoint;
  try {
    endpoint = await resolveEndpoint(options.endpoint);
  } catch (error) {
    throw new UserFacingError(error instanceof Error ? error.message : String(error));
  }
  const defaults = roleSettingsFromEnv("optimizer");
  const model = options.endpoint === "simulator" ? SIMULATOR_OPTIMIZER_MODEL : (options.model ?? defaults.model);
  const settings = { ...defaults, model };
  const requestKey = `optimize:${createHash("sha256")
    .update(
      JSON.stringify({ endpoint: endpoint.kind === "simulator" ? "simulator" : endpoint.baseURL, settings, prompt }),
    )
    .digest("hex")}`;
  await recordAuditEvent({
    actorId: options.actorId,
    action: "method.revision.suggest",
    targetType: "method",
    targetId: version.methodId,
    data: { version: version.version, cases: cases.length, operations: asked, model, endpoint: options.endpoint },
  });
  let result;
  try {
    result = await callLlm({ role: "optimizer", settings, prompt, endpoint, requestKey, maxAttempts: 3 });
  } catch (error) {
    if (error instanceof LlmCallFailedError)
      throw new UserFacingError(`The optimizer did not answer: ${error.message}`);
    throw error;
  }
  const parsed = parseRefineReply(result.text, current, asked);
  if (!parsed.ok) throw new UserFacingError(parsed.reason);
  const price = modelPricesFromEnv()[model];
  const tokens = { prompt: result.promptTokens, completion: result.completionTokens };
  return {
    basedOn: { id: version.id, version: version.version },
    current,
    suggested: parsed.texts,
    asked,
    revised: parsed.revised,
    cases,
    totals,
    model,
    tokens,
    costUsd: result.reused
      ? 0
      : price && tokens.prompt !== null && tokens.completion !== null
        ? costOf({ prompt: tokens.prompt, completion: tokens.completion }, price)
        : null,
    reused: result.reused,
  };
}

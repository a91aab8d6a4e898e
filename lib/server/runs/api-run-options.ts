import { OPERATIONS } from "@/lib/evolution/operations";
import { SIMULATOR_RUN_MODELS } from "@/lib/simulator/simulator-models";
import { InvalidInputError, NotFoundError } from "@/lib/server/errors";
import { startRunSchema, type ApiStartRunBody, type StartRunOptions } from "@/lib/validation/runs";
import { getRunFormDefaults } from "./run-form-defaults";

/**
 * The options of a run started through the API, each one left out filled in
 * as the run form fills it (components/runs/use-run-form-defaults.ts): every
 * operation weighted 1, the rules' defaults, the simulator's models or the
 * configured ones for the real endpoint (per role, so one model can be named
 * alone), the project's default spending cap (null: no cap of that kind).
 */
export async function apiRunOptions(options: { projectId: string; body: ApiStartRunBody }): Promise<StartRunOptions> {
  const defaults = await getRunFormDefaults({ projectId: options.projectId });
  if (!defaults) throw new NotFoundError("Unknown project.");
  const { body } = options;
  const models = body.endpoint === "simulator" ? SIMULATOR_RUN_MODELS : defaults.defaultModels;
  const capOf = (given: number | null | undefined, projectDefault: number | null) =>
    given === null ? undefined : (given ?? projectDefault ?? undefined);
  const parsed = startRunSchema.safeParse({
    ...body,
    projectId: options.projectId,
    weights: body.weights ?? Object.fromEntries(OPERATIONS.map((op) => [op, 1])),
    models: { ...models, ...body.models },
    maxTokens: capOf(body.maxTokens, defaults.budget.defaultMaxTokens),
    maxCostUsd: capOf(body.maxCostUsd, defaults.budget.defaultMaxCostUsd),
  });
  if (parsed.success) return parsed.data;
  // Only a project default the schema refuses gets here (the body was validated already).
  const issue = parsed.error.issues[0];
  throw new InvalidInputError(`${issue?.path.join(".") || "options"}: ${issue?.message ?? "not valid"}`);
}

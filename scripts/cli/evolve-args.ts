import { parseArgs } from "node:util";
import { OPERATIONS } from "@/lib/evolution/operations";
import { RULES } from "@/lib/evolution/eliminator";

export const EVOLVE_USAGE = `Usage: npm run evolve -- --project <name> [options]

  --rounds N            rounds M (default 4)
  --branching K         evolutions per frontier node per round (default 1)
  --mode MODE           continuous (default) or gated
  --ops LIST            weights, e.g. deepen=2,breadth=1 (unlisted operations get 0; default: all 1)
  --seed-query TEXT     only seeds whose text contains TEXT
  --limit N             at most N seeds
  --no-rule RULE        switch a rule off (repeatable): ${RULES.join(", ")}
  --duplicate-threshold T  near-duplicate Jaccard threshold of the duplicate rule, 0.5-1 (default 0.8)
  --difficulty          also score difficulty 1-10
  --simulator           use the built-in simulator instead of OPENAI_BASE_URL / OPENAI_API_KEY
  --batch               send the calls through the endpoint's Batch API: about half the price, results
                        within hours (the endpoint must support it; the simulator does)
  --model ROLE=NAME     model per role (repeatable): evolve, answer, judge, difficulty
  --name TEXT           a name for the run
  --method NAME         the method whose texts make the prompts: paper (default), code, or one made on
                        the Methods admin page
  --method-version N    that method's version N (default: its latest)
  --compare-method NAME compare methods: start two runs on one seed sample drawn once (--limit seeds of
                        those --seed-query matches, at random), run A with --method/--method-version/--ops,
                        run B with NAME and the flags below; both share every other option
  --compare-method-version N  run B's method version (default: its latest)
  --compare-ops LIST    run B's weights (default: run A's)
  --max-tokens N        stop the run before a call could cross N tokens (default: the project's cap)
  --max-cost USD        stop the run before a call could cross USD dollars, priced with LLM_PRICES
                        (default: the project's cap)
  --no-cap              ignore the project's default cap
  --no-worker           only start the run; let the app's workers do the steps
  --detach              start the run and exit without waiting`;

/** Turns command-line flags into start-run input (validated later by the shared schema). */
export function parseEvolveArgs(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      project: { type: "string" },
      rounds: { type: "string", default: "4" },
      branching: { type: "string", default: "1" },
      mode: { type: "string", default: "continuous" },
      ops: { type: "string" },
      "seed-query": { type: "string", default: "" },
      limit: { type: "string" },
      "no-rule": { type: "string", multiple: true, default: [] },
      "duplicate-threshold": { type: "string" },
      difficulty: { type: "boolean", default: false },
      simulator: { type: "boolean", default: false },
      batch: { type: "boolean", default: false },
      model: { type: "string", multiple: true, default: [] },
      name: { type: "string", default: "" },
      method: { type: "string" },
      "method-version": { type: "string" },
      "compare-method": { type: "string" },
      "compare-method-version": { type: "string" },
      "compare-ops": { type: "string" },
      "max-tokens": { type: "string" },
      "max-cost": { type: "string" },
      "no-cap": { type: "boolean", default: false },
      "no-worker": { type: "boolean", default: false },
      detach: { type: "boolean", default: false },
      help: { type: "boolean", default: false },
    },
    strict: true,
  });
  const weights = weightsOf(values.ops);
  const rules = Object.fromEntries(RULES.map((r) => [r, !values["no-rule"].includes(r)]));
  for (const r of values["no-rule"])
    if (!(RULES as readonly string[]).includes(r)) throw new Error(`unknown rule "${r}"`);
  const models: Record<string, string> = {};
  for (const entry of values.model) {
    const [role, name] = entry.split("=");
    models[role] = name;
  }
  const comparing =
    values["compare-method"] !== undefined ||
    values["compare-method-version"] !== undefined ||
    values["compare-ops"] !== undefined;
  return {
    help: values.help,
    /** Run B of a comparison (run A is `input`), or null for one run. */
    compare: comparing
      ? {
          method: values["compare-method"] ?? values.method,
          methodVersion:
            values["compare-method-version"] !== undefined ? Number(values["compare-method-version"]) : undefined,
          weights: values["compare-ops"] !== undefined ? weightsOf(values["compare-ops"]) : weights,
        }
      : null,
    project: values.project,
    noWorker: values["no-worker"],
    detach: values.detach,
    noCap: values["no-cap"],
    input: {
      name: values.name,
      seedQuery: values["seed-query"],
      seedLimit: values.limit ? Number(values.limit) : undefined,
      rounds: Number(values.rounds),
      branching: Number(values.branching),
      mode: values.mode,
      weights,
      rules,
      duplicateThreshold: values["duplicate-threshold"] ? Number(values["duplicate-threshold"]) : undefined,
      scoreDifficulty: values.difficulty,
      endpoint: values.simulator ? "simulator" : "openai",
      batch: values.batch,
      models,
      maxTokens: values["max-tokens"] !== undefined ? Number(values["max-tokens"]) : undefined,
      maxCostUsd: values["max-cost"] !== undefined ? Number(values["max-cost"]) : undefined,
      method: values.method,
      methodVersion: values["method-version"] !== undefined ? Number(values["method-version"]) : undefined,
    },
  };
}

/** "deepen=2,breadth=1": unlisted operations get 0; without a list, every operation weighs 1. */
function weightsOf(list: string | undefined): Record<string, number> {
  const weights = Object.fromEntries(OPERATIONS.map((op) => [op, list ? 0 : 1]));
  for (const part of list?.split(",").filter(Boolean) ?? []) {
    const [op, weight = "1"] = part.split("=");
    if (!(OPERATIONS as readonly string[]).includes(op))
      throw new Error(`unknown operation "${op}" (one of ${OPERATIONS.join(", ")})`);
    weights[op] = Number(weight);
  }
  return weights;
}

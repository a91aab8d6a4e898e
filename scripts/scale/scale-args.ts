import { parseArgs } from "node:util";

export const MAX_SCALE_NODES = 2_000_000;

export const SEED_SCALE_USAGE = `Usage: npm run seed:scale -- [--nodes N] [options]

Fills a project with a realistic Evol-Instruct forest (seeds, one completed
4-round run, eliminator verdicts, annotator reviews) straight into Postgres.

  --nodes N        total nodes, seeds included (default 250000; at most ${MAX_SCALE_NODES.toLocaleString("en-US")})
  --project NAME   project to fill, created when missing (default "scale-250k")
  --append         add to a project that already has nodes (refused otherwise)
  --seed TEXT      seed of all generated content (default "evol-scale")
  --batch N        rows per INSERT statement, 1000–10000 (default 5000)
  --with-calls     also write the run's LLM call records (4 per evolution)
  --help           show this help

Uses DATABASE_URL, else the running app's embedded database, else starts it.`;

export interface SeedScaleArgs {
  help: boolean;
  nodes: number;
  project: string;
  append: boolean;
  seed: string;
  batch: number;
  withCalls: boolean;
}

function integer(name: string, raw: string, min: number, max: number): number {
  // "250000", "250_000" and "250,000" all read as 250,000.
  const digits = raw.trim().replace(/[_,]/g, "");
  if (!/^\d+$/.test(digits)) throw new Error(`--${name} must be a whole number, got "${raw}"`);
  const n = Number(digits);
  if (n < min || n > max)
    throw new Error(
      `--${name} must be between ${min.toLocaleString("en-US")} and ${max.toLocaleString("en-US")}, got ${raw}`,
    );
  return n;
}

/** Command-line flags, validated; throws with a message meant for the user. */
export function parseSeedScaleArgs(argv: string[]): SeedScaleArgs {
  const { values } = parseArgs({
    args: argv,
    options: {
      nodes: { type: "string", default: "250000" },
      project: { type: "string", default: "scale-250k" },
      append: { type: "boolean", default: false },
      seed: { type: "string", default: "evol-scale" },
      batch: { type: "string", default: "5000" },
      "with-calls": { type: "boolean", default: false },
      help: { type: "boolean", default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  const project = values.project.trim();
  if (project === "") throw new Error("--project must not be empty");
  if (project.length > 120) throw new Error("--project must be at most 120 characters");
  if (values.seed === "") throw new Error("--seed must not be empty");
  return {
    help: values.help,
    nodes: integer("nodes", values.nodes, 1, MAX_SCALE_NODES),
    project,
    append: values.append,
    seed: values.seed,
    batch: integer("batch", values.batch, 1_000, 10_000),
    withCalls: values["with-calls"],
  };
}

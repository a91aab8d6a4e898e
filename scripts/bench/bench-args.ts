// `--nodes N` for the scale benchmarks, BENCH_NODES as the fallback (the flag wins).
import { parseArgs } from "node:util";
import { z } from "zod";
import { MAX_SCALE_NODES } from "../scale/scale-args";

const nodesSchema = z
  .string()
  .transform((raw) => raw.trim().replace(/[_,]/g, ""))
  .pipe(z.string().regex(/^\d+$/, "must be a whole number"))
  .transform(Number)
  .pipe(z.number().int().min(1_000).max(MAX_SCALE_NODES));

/** The forest's size from `--nodes` (1_000000, 1,000,000 and 1000000 all read), else BENCH_NODES, else 250,000. */
export function parseBenchNodes(raw: string | undefined, env: string | undefined): number {
  const given = raw ?? env;
  if (given === undefined) return 250_000;
  const parsed = nodesSchema.safeParse(given);
  if (!parsed.success) throw new Error(`--nodes ${given}: ${parsed.error.issues[0]?.message ?? "invalid"}`);
  return parsed.data;
}

export interface ScaleBenchArgs {
  nodes: number;
  /** bench:export only: which exports to time. */
  formats: ("jsonl" | "parquet")[];
}

const formatSchema = z.enum(["jsonl", "parquet", "both"]);

/** The flags of bench:scale and bench:export; throws with a message for the user. */
export function parseScaleBenchArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): ScaleBenchArgs {
  const { values } = parseArgs({
    args: argv,
    options: { nodes: { type: "string" }, format: { type: "string", default: "both" } },
    strict: true,
    allowPositionals: false,
  });
  const format = formatSchema.safeParse(values.format);
  if (!format.success) throw new Error(`--format must be jsonl, parquet or both, got "${values.format}"`);
  return {
    nodes: parseBenchNodes(values.nodes, env.BENCH_NODES),
    formats: format.data === "both" ? ["jsonl", "parquet"] : [format.data],
  };
}

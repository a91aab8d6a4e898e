import { parseArgs } from "node:util";
import { OPERATIONS } from "@/lib/evolution/operations";
import { EXPORT_FORMATS } from "@/lib/export/types";
import { DEFAULT_DEDUPE_THRESHOLD, type ExportOptionsInput } from "@/lib/validation/export";

export const EXPORT_USAGE = `Usage: npm run export -- --project <name> --format <fmt> --out <file> [filters]

  --format FMT          ${EXPORT_FORMATS.join(", ")} (default alpaca)
  --out FILE            where to write the file (the .zip with --bundle)
  --bundle              a .zip with the data file, a dataset card (README.md),
                        a LLaMA-Factory dataset_info.json and an axolotl snippet
  --status S            accepted (default), accepted-or-passing (plus unreviewed
                        nodes the eliminator passed), or all
  --round N             evolved nodes of round N only (repeatable, or 1,2)
  --operation OP        evolved nodes of this operation only (repeatable, or a,b):
                        ${OPERATIONS.join(", ")}
  --run ID              evolved nodes of this run only (and the seeds it evolved)
  --skill TEXT          lineages whose seed has this skill (metadata)
  --seeds / --no-seeds  include the seeds (default: include)
  --keep-held-out       keep the nodes of hold-out evaluation sets (default:
                        left out, so training data never holds test items)
  --lineage / --no-lineage
                        lineage columns (default: on, except sharegpt and openai;
                        refused for openai, whose fine-tuning takes messages only)
  --keep-raw-text       csv: cells exactly as stored (default: a cell starting
                        with =, +, -, @, tab or CR gets a leading ' so
                        spreadsheets do not run it as a formula)
  --dedupe [T]          drop near-duplicate instructions (MinHash, threshold T,
                        default ${DEFAULT_DEDUPE_THRESHOLD})
  --system TEXT         system prompt for sharegpt / openai
  --as EMAIL            record the export as made by this admin (default: the CLI)

The export is recorded (and kept under the data folder) like one made in the app.`;

const STATUS = { accepted: "accepted", "accepted-or-passing": "accepted_or_passing_unreviewed", all: "all" } as const;

function list(values: string[]): string[] {
  return values
    .flatMap((v) => v.split(","))
    .map((v) => v.trim())
    .filter(Boolean);
}

/** `--dedupe` takes an optional value, which parseArgs cannot express: give it one explicitly. */
function withDedupeValue(argv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] !== "--dedupe") {
      out.push(argv[i]);
      continue;
    }
    const next = argv[i + 1];
    if (next !== undefined && /^(0(\.\d+)?|1(\.0+)?|\.\d+)$/.test(next)) {
      out.push(`--dedupe=${next}`);
      i++;
    } else out.push(`--dedupe=${DEFAULT_DEDUPE_THRESHOLD}`);
  }
  return out;
}

export interface ExportArgs {
  help: boolean;
  project?: string;
  out?: string;
  as?: string;
  options: ExportOptionsInput;
}

/** Command-line flags → export options (validated afterwards by the schema the app uses). */
export function parseExportArgs(argv: string[]): ExportArgs {
  const { values } = parseArgs({
    args: withDedupeValue(argv),
    options: {
      project: { type: "string" },
      format: { type: "string", default: "alpaca" },
      out: { type: "string" },
      bundle: { type: "boolean", default: false },
      status: { type: "string", default: "accepted" },
      round: { type: "string", multiple: true, default: [] },
      operation: { type: "string", multiple: true, default: [] },
      run: { type: "string" },
      skill: { type: "string", default: "" },
      seeds: { type: "boolean" },
      "no-seeds": { type: "boolean" },
      "keep-held-out": { type: "boolean", default: false },
      lineage: { type: "boolean" },
      "no-lineage": { type: "boolean" },
      "keep-raw-text": { type: "boolean", default: false },
      dedupe: { type: "string" },
      system: { type: "string", default: "" },
      as: { type: "string" },
      help: { type: "boolean", default: false },
    },
    strict: true,
  });
  if (!(values.status in STATUS)) throw new Error(`--status must be one of ${Object.keys(STATUS).join(", ")}`);
  const rounds = list(values.round).map((r) => {
    if (!/^\d+$/.test(r)) throw new Error(`--round takes round numbers, got "${r}"`);
    return Number(r);
  });
  const operations = list(values.operation);
  for (const op of operations)
    if (!(OPERATIONS as readonly string[]).includes(op))
      throw new Error(`unknown operation "${op}" (one of ${OPERATIONS.join(", ")})`);
  if (!(EXPORT_FORMATS as readonly string[]).includes(values.format))
    throw new Error(`--format must be one of ${EXPORT_FORMATS.join(", ")}`);
  const lineage = values["no-lineage"] ? false : values.lineage ? true : null;
  return {
    help: values.help,
    project: values.project,
    out: values.out,
    as: values.as,
    options: {
      format: values.format as ExportOptionsInput["format"],
      status: STATUS[values.status as keyof typeof STATUS],
      rounds,
      operations: operations as ExportOptionsInput["operations"],
      runId: values.run ?? null,
      skill: values.skill,
      includeSeeds: values["no-seeds"] ? false : (values.seeds ?? true),
      excludeHeldOut: !values["keep-held-out"],
      lineage,
      dedupe: values.dedupe === undefined ? { enabled: false } : { enabled: true, threshold: Number(values.dedupe) },
      systemPrompt: values.system,
      bundle: values.bundle,
      keepRawText: values["keep-raw-text"],
    },
  };
}

import type { CostLine } from "@/lib/evolution/cost-breakdown";
import { FORMAT_EXTENSION, type ExportFormat } from "../types";
import { escapeText, table, yamlString } from "./markdown";
import { sizeCategory } from "./size-category";

export interface CountRow<K> {
  key: K;
  count: number;
}

export interface Setting {
  label: string;
  value: string | number | boolean | null;
}

export interface RunSummary {
  name: string;
  rounds: number;
  /** e.g. { role: "evolve", model: "gpt-4o-mini" }, { role: "judge", model: "..." } */
  models: { role: string; model: string }[];
  settings: Setting[];
}

/** One line of the cost section: a run or an operation, with what it cost and yielded. */
export type CostRow = Omit<CostLine<string>, "key"> & { label: string };

export interface DatasetCardInput {
  prettyName: string;
  /** Hugging Face license id; "other" unless the user picked one. */
  license?: string;
  language?: string[];
  /** Extra tags after "evol-instruct" and "synthetic". */
  tags?: string[];
  format: ExportFormat;
  fileName: string;
  lineage: boolean;
  systemPrompt?: string;
  /** Records written to the data file. */
  records: number;
  /** Selected records the format could not hold (chat formats: no answer). */
  skipped?: number;
  nearDuplicatesRemoved?: number;
  sha256?: string;
  perRound: CountRow<number>[];
  /** key null = seeds (no operation). */
  perOperation: CountRow<string | null>[];
  eliminator: { passed: number; failed: number; pending: number; failedPerRule: CountRow<string>[] };
  review: {
    accepted: number;
    rejected: number;
    unreviewed: number;
    disputed: number;
    /** Each reviewer by email (who they are) with their display name. */
    reviewers: { email: string; name: string; decisions: number }[];
  };
  /** How the exported nodes were chosen, as shown in the export dialog. */
  selection: Setting[];
  runs: RunSummary[];
  /** What the runs cost (all the project's, or the exported run's); absent or empty: no section. */
  cost?: { total: CostRow; perRun: CostRow[]; perOperation: CostRow[] };
  generatedAt: Date;
}

const FORMAT_NAME: Record<ExportFormat, string> = {
  alpaca: "Alpaca (JSON Lines)",
  "alpaca-json": "Alpaca (JSON array)",
  sharegpt: "ShareGPT (JSON Lines)",
  openai: "OpenAI chat fine-tuning (JSON Lines)",
  csv: "CSV (RFC 4180, UTF-8)",
  parquet: "Apache Parquet",
};

// As the WizardLM authors ask to be cited (nlpxucan/WizardLM README).
const WIZARDLM_CITATION = `@misc{xu2023wizardlm,
  title         = {WizardLM: Empowering Large Language Models to Follow Complex Instructions},
  author        = {Can Xu and Qingfeng Sun and Kai Zheng and Xiubo Geng and Pu Zhao and Jiazhan Feng and Chongyang Tao and Daxin Jiang},
  year          = {2023},
  eprint        = {2304.12244},
  archivePrefix = {arXiv},
  primaryClass  = {cs.CL}
}`;

function frontMatter(c: DatasetCardInput): string {
  const list = (items: string[]): string => items.map((i) => `  - ${yamlString(i)}`).join("\n");
  const tags = [...new Set(["evol-instruct", "synthetic", ...(c.tags ?? [])])];
  return [
    "---",
    `pretty_name: ${yamlString(c.prettyName)}`,
    `license: ${yamlString(c.license ?? "other")}`,
    "language:",
    list(c.language ?? ["en"]),
    "task_categories:",
    list(["text-generation"]),
    "size_categories:",
    list([sizeCategory(c.records)]),
    "tags:",
    list(tags),
    "configs:",
    "  - config_name: default",
    "    data_files:",
    "      - split: train",
    `        path: ${yamlString(c.fileName)}`,
    "---",
  ].join("\n");
}

function settingValue(v: Setting["value"]): string {
  if (v === null) return "—";
  if (typeof v === "boolean") return v ? "yes" : "no";
  return String(v);
}

function fileSection(c: DatasetCardInput): string {
  const rows: (string | number)[][] = [
    ["File", c.fileName],
    ["Format", FORMAT_NAME[c.format]],
    ["Records", c.records],
    ["Lineage columns", c.lineage ? "yes" : "no"],
  ];
  if (c.systemPrompt?.trim()) rows.push(["System prompt", c.systemPrompt]);
  if (c.skipped) rows.push(["Skipped (no answer)", c.skipped]);
  if (c.nearDuplicatesRemoved) rows.push(["Near-duplicates removed", c.nearDuplicatesRemoved]);
  if (c.sha256) rows.push(["SHA-256", c.sha256]);
  const chat = c.format === "sharegpt" || c.format === "openai";
  const chatNote = chat
    ? "Chat formats have no input field: the user turn is the instruction, followed by a blank line and the input when there is one. "
    : "";
  const note = `\n\n${chatNote}Records without an answer are not included.`;
  return `## Files\n\n${table(["", ""], rows)}${note}`;
}

function countsSection(c: DatasetCardInput): string {
  const rounds = [...c.perRound].sort((a, b) => a.key - b.key).map((r) => [r.key === 0 ? "0 (seeds)" : r.key, r.count]);
  const ops = [...c.perOperation].sort((a, b) => b.count - a.count).map((o) => [o.key ?? "(seed)", o.count]);
  return [
    "## Composition",
    "### Records per round",
    table(["Round", "Records"], rounds),
    "### Records per evolution operation",
    table(["Operation", "Records"], ops),
  ].join("\n\n");
}

function qualitySection(c: DatasetCardInput): string {
  const e = c.eliminator;
  const r = c.review;
  const rules = [...e.failedPerRule].sort((a, b) => b.count - a.count).map((x) => [x.key, x.count]);
  const reviewers = [...r.reviewers]
    .sort((a, b) => b.decisions - a.decisions || (a.email < b.email ? -1 : 1))
    .map((x) => [x.name, x.email, x.decisions]);
  return [
    "## Quality control",
    "### Automatic eliminator",
    table(
      ["Verdict", "Records"],
      [
        ["passed", e.passed],
        ["failed", e.failed],
        ["pending", e.pending],
      ],
    ),
    rules.length > 0
      ? table(["Rule that failed", "Records"], rules)
      : "No eliminator rule fired on the exported records.",
    "### Human review",
    table(
      ["Status", "Records"],
      [
        ["accepted", r.accepted],
        ["rejected", r.rejected],
        ["disputed", r.disputed],
        ["unreviewed", r.unreviewed],
      ],
    ),
    reviewers.length > 0 ? table(["Reviewer", "Email", "Decisions"], reviewers) : "No reviewer decisions.",
  ].join("\n\n");
}

function provenanceSection(c: DatasetCardInput): string {
  const selection = table(
    ["Filter", "Value"],
    c.selection.map((s) => [s.label, settingValue(s.value)]),
  );
  const runs = c.runs.map((run) => {
    const rows = [
      ["Rounds", run.rounds],
      ...run.models.map((m) => [`Model (${m.role})`, m.model]),
      ...run.settings.map((s) => [s.label, settingValue(s.value)]),
    ];
    return `### Run: ${escapeText(run.name)}\n\n${table(["Setting", "Value"], rows)}`;
  });
  return ["## Selection", selection, "## Runs", ...(runs.length > 0 ? runs : ["No runs (seeds only)."])].join("\n\n");
}

const usd = (n: number) => `$${n.toFixed(n > 0 && n < 0.01 ? 6 : 4)}`;
const whole = (n: number) => Math.round(n);

function perNode(row: CostRow, money: number | null, tokens: number | null): string {
  if (row.costUsd !== null) return money === null ? "—" : usd(money);
  return tokens === null ? "—" : `${whole(tokens)} tokens`;
}

function costTable(label: string, rows: CostRow[]): string {
  const priced = rows.some((r) => r.costUsd !== null);
  return table(
    [
      label,
      "LLM calls",
      "Tokens",
      ...(priced ? ["Cost (USD)"] : []),
      "Passing",
      "Accepted",
      "Per passing",
      "Per accepted",
    ],
    rows.map((r) => [
      r.label,
      r.calls,
      r.tokens,
      ...(priced ? [r.costUsd === null ? "no price" : usd(r.costUsd)] : []),
      r.passing,
      r.accepted,
      perNode(r, r.costPerPassingUsd, r.tokensPerPassing),
      perNode(r, r.costPerAcceptedUsd, r.tokensPerAccepted),
    ]),
  );
}

function costSection(c: DatasetCardInput): string | null {
  const cost = c.cost;
  if (!cost || cost.perRun.length === 0) return null;
  const { total } = cost;
  const money = total.costUsd !== null ? ` and cost ${usd(total.costUsd)}` : "";
  return [
    "## Cost",
    `Growing these instructions took ${total.calls} LLM calls, ${total.tokens} tokens${money}. ` +
      "A node's cost is every call of the step that made it (evolve, answer, judge, difficulty; every attempt, failed ones too). " +
      "Per passing or accepted node, all a run spent, eliminated work included, is divided by the nodes it kept. " +
      "Money is given only where every model used had a known price when the run started; otherwise tokens. " +
      "The figures cover the whole run, not only the exported records.",
    "### Per run",
    costTable("Run", cost.perRun),
    "### Per evolution operation",
    costTable("Operation", cost.perOperation),
  ].join("\n\n");
}

const METHOD = `## How it was made

The instructions were grown with Evol-Instruct (Xu et al., WizardLM): a language model rewrites each seed instruction, round after round, into a harder one (adding constraints, deepening, concretising, asking for more reasoning steps, adding structured input) or into a new, rarer one in the same domain (in-breadth). Every rewrite is answered by a model and checked by an automatic eliminator (no information gain, refusal, empty answer, copied prompt); failed rewrites are not evolved further. Annotators then accepted or rejected nodes in Evol Studio, and this file holds the selection described above.

## Citation

\`\`\`bibtex
${WIZARDLM_CITATION}
\`\`\``;

/** README.md for the export bundle: Hugging Face dataset card front matter, then the figures. */
export function datasetCard(c: DatasetCardInput): string {
  const extension = FORMAT_EXTENSION[c.format];
  const intro = `# ${escapeText(c.prettyName)}\n\nAn instruction-tuning dataset (${c.records} records, .${extension}) exported from Evol Studio on ${c.generatedAt.toISOString().slice(0, 10)}.`;
  return (
    [
      frontMatter(c),
      intro,
      fileSection(c),
      countsSection(c),
      qualitySection(c),
      provenanceSection(c),
      costSection(c),
      METHOD,
    ]
      .filter((part) => part !== null)
      .join("\n\n") + "\n"
  );
}

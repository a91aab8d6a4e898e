import { describe, expect, it } from "vitest";
import { datasetCard, type CostRow, type DatasetCardInput } from "./dataset-card";
import { sizeCategory } from "./size-category";

const input = (over: Partial<DatasetCardInput> = {}): DatasetCardInput => ({
  prettyName: "Evol Math",
  format: "alpaca",
  fileName: "evol-math.jsonl",
  lineage: true,
  records: 1234,
  perRound: [
    { key: 1, count: 800 },
    { key: 0, count: 434 },
  ],
  perOperation: [
    { key: null, count: 434 },
    { key: "deepen", count: 800 },
  ],
  eliminator: { passed: 1200, failed: 34, pending: 0, failedPerRule: [{ key: "refusal", count: 34 }] },
  review: {
    accepted: 1000,
    rejected: 30,
    unreviewed: 200,
    disputed: 4,
    reviewers: [{ email: "ann@example.com", name: "ann", decisions: 1034 }],
  },
  selection: [{ label: "Human status", value: "accepted" }],
  runs: [
    {
      name: "run 1",
      rounds: 4,
      models: [{ role: "evolve", model: "gpt-4o-mini" }],
      settings: [{ label: "Temperature", value: 1 }],
    },
  ],
  generatedAt: new Date("2025-05-01T12:00:00Z"),
  ...over,
});

describe("sizeCategory", () => {
  it.each([
    [0, "n<1K"],
    [999, "n<1K"],
    [1000, "1K<n<10K"],
    [9999, "1K<n<10K"],
    [10_000, "10K<n<100K"],
    [250_000, "100K<n<1M"],
    [1_000_000, "1M<n<10M"],
  ])("%i → %s", (n, label) => expect(sizeCategory(n)).toBe(label));
});

describe("datasetCard", () => {
  it("opens with Hugging Face YAML front matter", () => {
    const card = datasetCard(input());
    const front = card.split("\n---\n")[0]!;
    expect(front).toBe(
      [
        "---",
        'pretty_name: "Evol Math"',
        'license: "other"',
        "language:",
        '  - "en"',
        "task_categories:",
        '  - "text-generation"',
        "size_categories:",
        '  - "1K<n<10K"',
        "tags:",
        '  - "evol-instruct"',
        '  - "synthetic"',
        "configs:",
        "  - config_name: default",
        "    data_files:",
        "      - split: train",
        '        path: "evol-math.jsonl"',
      ].join("\n"),
    );
  });

  it("takes license, languages and extra tags", () => {
    const card = datasetCard(input({ license: "cc-by-4.0", language: ["en", "de"], tags: ["math", "evol-instruct"] }));
    expect(card).toContain('license: "cc-by-4.0"\nlanguage:\n  - "en"\n  - "de"\n');
    expect(card).toContain('tags:\n  - "evol-instruct"\n  - "synthetic"\n  - "math"\nconfigs:');
  });

  it("tabulates rounds (sorted), operations, eliminator and review figures", () => {
    const card = datasetCard(input());
    expect(card).toContain("| Round | Records |\n| --- | --- |\n| 0 (seeds) | 434 |\n| 1 | 800 |");
    expect(card).toContain("| deepen | 800 |\n| (seed) | 434 |");
    expect(card).toContain("| passed | 1200 |\n| failed | 34 |");
    expect(card).toContain("| refusal | 34 |");
    expect(card).toContain("| accepted | 1000 |\n| rejected | 30 |\n| disputed | 4 |\n| unreviewed | 200 |");
    expect(card).toContain("| Reviewer | Email | Decisions |");
    expect(card).toContain("| ann | ann@example.com | 1034 |");
    expect(card).toContain("| Human status | accepted |");
    expect(card).toContain("### Run: run 1");
    expect(card).toContain("| Model (evolve) | gpt-4o-mini |");
    expect(card).toContain("arXiv");
    expect(card).toContain("2304.12244");
  });

  it("never lets data inject HTML or break a table", () => {
    const card = datasetCard(
      input({
        prettyName: "<img src=x onerror=alert(1)>",
        review: {
          accepted: 1,
          rejected: 0,
          unreviewed: 0,
          disputed: 0,
          reviewers: [{ email: "x@example.com", name: "<script>a|b</script>\nx", decisions: 1 }],
        },
        runs: [{ name: "<b>bold</b>", rounds: 1, models: [], settings: [] }],
      }),
    );
    const body = card.slice(card.indexOf("\n---\n") + 5);
    expect(body).not.toMatch(/<(img|script|b)\b/);
    expect(card).toContain('pretty_name: "<img src=x onerror=alert(1)>"'); // a quoted YAML string, never rendered as HTML
    expect(card).toContain("| &lt;script&gt;a\\|b&lt;/script&gt; x | x@example.com | 1 |");
    expect(card).toContain("# &lt;img src=x onerror=alert(1)&gt;");
    expect(card).toContain("### Run: &lt;b&gt;bold&lt;/b&gt;");
  });

  it("explains the chat-format joining rule for chat exports only", () => {
    expect(datasetCard(input({ format: "sharegpt", skipped: 3 }))).toContain("| Skipped (no answer) | 3 |");
    expect(datasetCard(input({ format: "sharegpt" }))).toContain("followed by a blank line and the input");
    expect(datasetCard(input({ format: "csv" }))).not.toContain("followed by a blank line");
  });

  it("has a cost section when runs spent anything: money where priced, tokens per node where not", () => {
    const row = (label: string, costUsd: number | null): CostRow => ({
      label,
      calls: 40,
      promptTokens: 6000,
      completionTokens: 2000,
      tokens: 8000,
      costUsd,
      passing: 8,
      accepted: 4,
      tokensPerPassing: 1000,
      tokensPerAccepted: 2000,
      costPerPassingUsd: costUsd === null ? null : costUsd / 8,
      costPerAcceptedUsd: costUsd === null ? null : costUsd / 4,
    });
    expect(datasetCard(input())).not.toContain("## Cost");
    const priced = datasetCard(
      input({ cost: { total: row("total", 2), perRun: [row("run 1", 2)], perOperation: [row("deepen", 2)] } }),
    );
    expect(priced).toContain("## Cost");
    expect(priced).toContain("40 LLM calls, 8000 tokens and cost $2.0000");
    expect(priced).toMatch(/\| run 1 \| 40 \| 8000 \| \$2\.0000 \| 8 \| 4 \| \$0\.2500 \| \$0\.5000 \|/);
    expect(priced).toMatch(/\| deepen \| 40 \|/);
    const unpriced = datasetCard(
      input({ cost: { total: row("total", null), perRun: [row("run 1", null)], perOperation: [row("deepen", null)] } }),
    );
    expect(unpriced).not.toContain("$");
    expect(unpriced).toMatch(/\| run 1 \| 40 \| 8000 \| 8 \| 4 \| 1000 tokens \| 2000 tokens \|/);
  });
});

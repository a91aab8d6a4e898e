import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readJsonRecords, SEED_TASKS_FILE, WIZARDLM_LAYOUT_FILE } from "@/tests/fixtures/seed-files";
import { parseSeedFile } from "./parse-seed-file";

describe("Self-Instruct seed_tasks.jsonl", () => {
  const result = parseSeedFile(readFileSync(SEED_TASKS_FILE), { fileName: "seed_tasks.jsonl" });
  const raw = readJsonRecords(SEED_TASKS_FILE);

  it("parses all 175 tasks as self_instruct without errors", () => {
    expect(result.format).toBe("jsonl");
    expect(result.schema).toBe("self_instruct");
    expect(result.rowsRead).toBe(175);
    expect(result.seeds).toHaveLength(175);
    expect(result.errors).toEqual([]);
    expect(result.duplicates).toEqual([]);
    expect(result.mapping).toEqual({
      instruction: "instruction",
      input: "instances[0].input",
      output: "instances[0].output",
      metadata: ["id", "name", "is_classification"],
    });
  });

  it("maps a known task field by field", () => {
    expect(result.seeds[1]).toMatchObject({
      line: 2,
      instruction: "What is the relation between the given pairs?",
      input: "Night : Day :: Right : Left",
      output: "The relation between the given pairs is that they are opposites.",
      metadata: { id: "seed_task_1", name: "antonym_relation", is_classification: false },
    });
  });

  it("agrees with the raw file on inputs and classification flags", () => {
    const firstInstance = (r: Record<string, unknown>): Record<string, unknown> =>
      (r.instances as Record<string, unknown>[])[0] ?? {};
    const withInput = raw.filter((r) => String(firstInstance(r).input ?? "").trim() !== "").length;
    expect(withInput).toBe(125);
    expect(result.seeds.filter((s) => s.input !== "")).toHaveLength(withInput);
    expect(result.seeds.filter((s) => s.metadata.is_classification === true)).toHaveLength(
      raw.filter((r) => r.is_classification === true).length,
    );
    expect(result.seeds.map((s) => s.metadata.id)).toEqual(raw.map((r) => r.id));
  });
});

describe("a file in the WizardLM test-set layout", () => {
  const bytes = readFileSync(WIZARDLM_LAYOUT_FILE);
  const result = parseSeedFile(bytes, { fileName: "wizardlm-layout.jsonl" });
  const raw = readJsonRecords(WIZARDLM_LAYOUT_FILE);

  it("is laid out like the real test set: CRLF lines of idx, Skill, Difficulty, Instruction in that order", () => {
    const text = bytes.toString("utf8");
    expect(text.split("\r\n")).toHaveLength(raw.length + 1);
    expect(text.replaceAll("\r\n", "")).not.toMatch(/[\r\n]/);
    for (const r of raw) expect(Object.keys(r)).toEqual(["idx", "Skill", "Difficulty", "Instruction"]);
    expect(raw.some((r) => r.Skill === "Writting")).toBe(true);
  });

  it("reads every row as the WizardLM test set", () => {
    expect(result.format).toBe("jsonl");
    expect(result.schema).toBe("wizardlm_testset");
    expect(result.rowsRead).toBe(raw.length);
    expect(result.errors).toEqual([]);
    expect(result.mapping.instruction).toBe("Instruction");
    expect(result.mapping.output).toBeNull();
  });

  it("reports the one whitespace-only duplicate with its line numbers and keeps the other rows", () => {
    // Independent re-derivation: rows whose instructions match after collapsing whitespace.
    const firstByText = new Map<string, number>();
    const expected: { line: number; firstLine: number }[] = [];
    raw.forEach((r, i) => {
      const key = String(r.Instruction).split(/\s+/).filter(Boolean).join(" ");
      const first = firstByText.get(key);
      if (first === undefined) firstByText.set(key, i + 1);
      else expected.push({ line: i + 1, firstLine: first });
    });
    // Line 21 repeats line 13 plus a trailing space, as the real test set repeats line 57 at line 64.
    expect(expected).toEqual([{ line: 21, firstLine: 13 }]);
    expect(raw[20]?.Instruction).toBe(`${String(raw[12]?.Instruction)} `);
    expect(result.duplicates).toEqual(expected);
    expect(result.seeds).toHaveLength(raw.length - expected.length);
  });

  it("keeps the text, skill, numeric difficulty and idx of every seed", () => {
    for (const seed of result.seeds) {
      const source = raw[seed.line - 1];
      expect(seed.instruction).toBe(String(source?.Instruction).trim());
      expect(seed.metadata).toEqual({ skill: source?.Skill, difficulty: source?.Difficulty, idx: source?.idx });
      expect(typeof seed.metadata.difficulty).toBe("number");
      expect(seed.input).toBe("");
      expect(seed.output).toBeNull();
    }
    const difficulties = result.seeds.map((s) => Number(s.metadata.difficulty));
    expect(Math.min(...difficulties)).toBe(1);
    expect(Math.max(...difficulties)).toBe(10);
    // The file's \uXXXX, \n and \t escapes come through decoded.
    const texts = result.seeds.map((s) => s.instruction);
    expect(texts.some((t) => t.includes("Où est la gare ?"))).toBe(true);
    expect(texts.some((t) => t.includes(":\n\nfor i in range(5):\n\tprint(i)"))).toBe(true);
  });
});

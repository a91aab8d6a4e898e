import { describe, expect, it } from "vitest";
import { parseSeedFile } from "./parse-seed-file";

const parse = (text: string, fileName?: string) => parseSeedFile(new TextEncoder().encode(text), { fileName });
const jsonl = (...records: unknown[]): string => records.map((r) => JSON.stringify(r)).join("\n") + "\n";

describe("Alpaca", () => {
  it("maps instruction/input/output and keeps scalar extras as metadata", () => {
    const r = parse(
      jsonl(
        {
          instruction: "  Give three tips.  ",
          input: "",
          output: "1. Eat.\n2. Sleep.",
          category: "advice",
          n: 3,
          ok: true,
        },
        { instruction: "Translate", input: " Hola ", output: "", nested: { a: 1 }, list: [1], nothing: null },
      ),
      "a.jsonl",
    );
    expect(r.format).toBe("jsonl");
    expect(r.schema).toBe("alpaca");
    expect(r.mapping).toEqual({
      instruction: "instruction",
      input: "input",
      output: "output",
      metadata: ["category", "n", "ok"],
    });
    expect(r.seeds).toHaveLength(2);
    expect(r.seeds[0]).toMatchObject({
      line: 1,
      instruction: "Give three tips.",
      input: "",
      output: "1. Eat.\n2. Sleep.",
      metadata: { category: "advice", n: 3, ok: true },
    });
    // Blank output means "no reference answer"; nested values are not kept.
    expect(r.seeds[1]).toMatchObject({ line: 2, instruction: "Translate", input: "Hola", output: null, metadata: {} });
    expect(r.seeds[0]?.contentHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("reports input/output as unmapped when no record fed them", () => {
    const r = parse(jsonl({ instruction: "a", input: "" }, { instruction: "b" }));
    expect(r.mapping).toMatchObject({ instruction: "instruction", input: null, output: null });
  });

  it("parses a pretty-printed JSON array with element start lines", () => {
    const text = JSON.stringify(
      [
        { instruction: "First", input: "x", output: "y" },
        { instruction: "Second", input: "", output: "z" },
      ],
      null,
      2,
    );
    const r = parse(text, "alpaca_data.json");
    expect(r.format).toBe("json");
    expect(r.schema).toBe("alpaca");
    expect(r.seeds.map((s) => [s.line, s.instruction, s.input, s.output])).toEqual([
      [2, "First", "x", "y"],
      [7, "Second", "", "z"],
    ]);
  });
});

describe("Self-Instruct seed tasks", () => {
  it("takes input/output from instances[0] and keeps id, name, is_classification", () => {
    const r = parse(
      jsonl({
        id: "seed_task_9",
        name: "sorting",
        instruction: "Sort the numbers.",
        instances: [
          { input: "3 1 2", output: "1 2 3" },
          { input: "9 8", output: "8 9" },
        ],
        is_classification: false,
      }),
    );
    expect(r.schema).toBe("self_instruct");
    expect(r.mapping).toEqual({
      instruction: "instruction",
      input: "instances[0].input",
      output: "instances[0].output",
      metadata: ["id", "name", "is_classification"],
    });
    expect(r.seeds[0]).toMatchObject({
      instruction: "Sort the numbers.",
      input: "3 1 2",
      output: "1 2 3",
      metadata: { id: "seed_task_9", name: "sorting", is_classification: false },
    });
  });

  it("rejects a record whose instances is not an array", () => {
    const r = parse(jsonl({ instruction: "a", instances: [] }, { instruction: "b", instances: "nope" }));
    expect(r.seeds.map((s) => s.instruction)).toEqual(["a"]);
    expect(r.errors).toEqual([
      { line: 2, message: 'Line 2: field "instances" must be an array of {input, output} objects' },
    ]);
  });
});

describe("WizardLM test set", () => {
  it("maps Instruction and turns Skill/Difficulty/idx into metadata", () => {
    const r = parse(jsonl({ idx: 7, Skill: "Chemistry", Difficulty: 4, Instruction: "Balance H2 + O2 -> H2O." }));
    expect(r.schema).toBe("wizardlm_testset");
    expect(r.mapping).toEqual({
      instruction: "Instruction",
      input: null,
      output: null,
      metadata: ["Skill → skill", "Difficulty → difficulty", "idx"],
    });
    expect(r.seeds[0]).toMatchObject({
      instruction: "Balance H2 + O2 -> H2O.",
      input: "",
      output: null,
      metadata: { skill: "Chemistry", difficulty: 4, idx: 7 },
    });
  });

  it("converts CSV string numbers and rejects a non-numeric difficulty", () => {
    const r = parse("idx,Skill,Difficulty,Instruction\n1,Math,3,Add 2 and 2.\n2,Math,hard,Add 3 and 3.\n", "w.csv");
    expect(r.schema).toBe("wizardlm_testset");
    expect(r.seeds[0]?.metadata).toEqual({ skill: "Math", difficulty: 3, idx: 1 });
    expect(r.errors).toEqual([{ line: 3, message: 'Line 3: field "Difficulty" must be a number, got string "hard"' }]);
  });
});

describe("generic (aliases)", () => {
  it("finds prompt/response case-insensitively", () => {
    const r = parse(jsonl({ Prompt: "Why is the sky blue?", Response: "Rayleigh scattering.", source: "quiz" }));
    expect(r.schema).toBe("generic");
    expect(r.mapping).toEqual({ instruction: "Prompt", input: null, output: "Response", metadata: ["source"] });
    expect(r.seeds[0]).toMatchObject({
      instruction: "Why is the sky blue?",
      output: "Rayleigh scattering.",
      metadata: { source: "quiz" },
    });
  });

  it("uses context/response next to instruction (Dolly layout) instead of dropping them", () => {
    const r = parse(
      jsonl({ instruction: "Summarise.", context: "Long text.", response: "Short.", category: "summarization" }),
    );
    expect(r.schema).toBe("generic");
    expect(r.mapping).toMatchObject({ instruction: "instruction", input: "context", output: "response" });
    expect(r.seeds[0]).toMatchObject({
      input: "Long text.",
      output: "Short.",
      metadata: { category: "summarization" },
    });
  });

  it("reports the aliased field name when it is missing", () => {
    const r = parse(jsonl({ question: "What is 2+2?", answer: "4" }, { answer: "5" }));
    expect(r.errors).toEqual([{ line: 2, message: 'Line 2: missing instruction (expected field "question")' }]);
  });
});

describe("plain text", () => {
  it("makes every non-blank line an instruction", () => {
    const r = parse("Write a haiku about autumn.\n\n   \n  Explain recursion to a child.  \n", "seeds.txt");
    expect(r.format).toBe("text");
    expect(r.schema).toBe("plain_text");
    expect(r.rowsRead).toBe(2);
    expect(r.mapping).toEqual({ instruction: "line", input: null, output: null, metadata: [] });
    expect(r.seeds.map((s) => [s.line, s.instruction, s.input, s.output])).toEqual([
      [1, "Write a haiku about autumn.", "", null],
      [4, "Explain recursion to a child.", "", null],
    ]);
  });
});

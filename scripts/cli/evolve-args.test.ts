import { describe, expect, it } from "vitest";
import { startComparisonSchema } from "@/lib/validation/comparisons";
import { startRunSchema } from "@/lib/validation/runs";
import { EVOLVE_USAGE, parseEvolveArgs } from "./evolve-args";

const models = { evolve: "m", answer: "m", judge: "m", difficulty: "m" };
const projectId = "0196f0c4-0000-7000-8000-000000000000";

describe("parseEvolveArgs: spending caps", () => {
  it("maps --max-tokens and --max-cost onto the run's caps", () => {
    const args = parseEvolveArgs(["--project", "p", "--max-tokens", "2000000", "--max-cost", "12.5"]);
    expect(args.input).toMatchObject({ maxTokens: 2_000_000, maxCostUsd: 12.5 });
    expect(args.noCap).toBe(false);
    const parsed = startRunSchema.parse({ ...args.input, models, projectId });
    expect(parsed).toMatchObject({ maxTokens: 2_000_000, maxCostUsd: 12.5 });
  });

  it("leaves the caps unset without the flags, and says so with --no-cap", () => {
    const args = parseEvolveArgs(["--project", "p", "--no-cap"]);
    expect(args.input).toMatchObject({ maxTokens: undefined, maxCostUsd: undefined });
    expect(args.noCap).toBe(true);
  });

  it("refuses caps that are not positive amounts, through the shared schema", () => {
    for (const [flag, value, message] of [
      ["--max-tokens", "1.5", "A token cap is a whole number."],
      ["--max-tokens", "0", "A token cap must be at least 1."],
      ["--max-cost", "abc", "A cost cap is an amount in US dollars."],
      ["--max-cost", "-1", "A cost cap must be at least $0.0001."],
    ]) {
      const args = parseEvolveArgs(["--project", "p", `${flag}=${value}`]);
      const parsed = startRunSchema.safeParse({ ...args.input, models, projectId });
      expect(parsed.success, `${flag} ${value}`).toBe(false);
      expect(parsed.error?.issues[0]?.message).toBe(message);
    }
  });
});

describe("parseEvolveArgs: --batch", () => {
  it("asks for a Batch API run with --batch and a normal one without it", () => {
    const batch = startRunSchema.parse({ ...parseEvolveArgs(["--project", "p", "--batch"]).input, models, projectId });
    expect(batch.batch).toBe(true);
    const normal = startRunSchema.parse({ ...parseEvolveArgs(["--project", "p"]).input, models, projectId });
    expect(normal.batch).toBe(false);
  });

  it("lists --batch in the usage text", () => {
    expect(EVOLVE_USAGE).toMatch(/--batch\s+send the calls through the endpoint's Batch API/);
  });
});

describe("parseEvolveArgs: the duplicate rule", () => {
  it("is on by default with the default threshold; --duplicate-threshold sets it, --no-rule duplicate switches it off", () => {
    const plain = startRunSchema.parse({ ...parseEvolveArgs(["--project", "p"]).input, models, projectId });
    expect(plain.rules.duplicate).toBe(true);
    expect(plain.duplicateThreshold).toBeUndefined();
    const args = parseEvolveArgs(["--project", "p", "--duplicate-threshold", "0.9", "--no-rule", "duplicate"]);
    const parsed = startRunSchema.parse({ ...args.input, models, projectId });
    expect(parsed).toMatchObject({ duplicateThreshold: 0.9, rules: { duplicate: false, refusal: true } });
  });

  it("refuses a threshold outside 0.5–1, through the shared schema", () => {
    for (const value of ["0.2", "1.5", "abc"]) {
      const args = parseEvolveArgs(["--project", "p", `--duplicate-threshold=${value}`]);
      expect(startRunSchema.safeParse({ ...args.input, models, projectId }).success, value).toBe(false);
    }
  });
});

describe("parseEvolveArgs: method", () => {
  it("passes --method and --method-version to the run, and leaves both unset by default (paper's latest)", () => {
    const chosen = parseEvolveArgs(["--project", "p", "--method", "code", "--method-version", "1"]);
    expect(startRunSchema.parse({ ...chosen.input, models, projectId })).toMatchObject({
      method: "code",
      methodVersion: 1,
    });
    const plain = startRunSchema.parse({ ...parseEvolveArgs(["--project", "p"]).input, models, projectId });
    expect(plain.method).toBeUndefined();
    expect(plain.methodVersion).toBeUndefined();
  });

  it("refuses a version that is not a positive whole number", () => {
    const args = parseEvolveArgs(["--project", "p", "--method", "code", "--method-version", "0"]);
    expect(startRunSchema.safeParse({ ...args.input, models, projectId }).success).toBe(false);
  });
});

describe("parseEvolveArgs: --compare-method", () => {
  it("is one run without a --compare-* flag", () => {
    expect(parseEvolveArgs(["--project", "p", "--method", "code"]).compare).toBeNull();
  });

  it("makes run B from the --compare-* flags, sharing everything else with run A", () => {
    const args = parseEvolveArgs([
      "--project",
      "p",
      "--limit",
      "50",
      "--ops",
      "deepen=2,breadth=1",
      "--compare-method",
      "code",
      "--compare-method-version",
      "1",
    ]);
    const { weights, method, methodVersion, ...shared } = args.input;
    const parsed = startComparisonSchema.parse({
      ...shared,
      models,
      projectId,
      a: { method, methodVersion, weights },
      b: args.compare,
    });
    expect(parsed.seedLimit).toBe(50);
    expect(parsed.a).toMatchObject({ method: undefined, weights: { deepen: 2, breadth: 1, concretize: 0 } });
    expect(parsed.b).toMatchObject({ method: "code", methodVersion: 1, weights: { deepen: 2, breadth: 1 } });
  });

  it("compares two weight settings of one method with --compare-ops alone", () => {
    const args = parseEvolveArgs(["--project", "p", "--method", "paper", "--compare-ops", "breadth=1"]);
    expect(args.compare).toMatchObject({ method: "paper", weights: { breadth: 1, deepen: 0 } });
    expect(args.input.weights).toMatchObject({ breadth: 1, deepen: 1 });
  });
});

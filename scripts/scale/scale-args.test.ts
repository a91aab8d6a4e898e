import { describe, expect, it } from "vitest";
import { parseSeedScaleArgs } from "./scale-args";

describe("parseSeedScaleArgs", () => {
  it("defaults to 250,000 nodes in scale-250k", () => {
    expect(parseSeedScaleArgs([])).toEqual({
      help: false,
      nodes: 250_000,
      project: "scale-250k",
      append: false,
      seed: "evol-scale",
      batch: 5_000,
      withCalls: false,
    });
  });

  it("reads every flag", () => {
    const args = parseSeedScaleArgs([
      "--nodes",
      "1_000",
      "--project",
      "big",
      "--append",
      "--seed",
      "7",
      "--batch",
      "10000",
      "--with-calls",
    ]);
    expect(args).toMatchObject({
      nodes: 1_000,
      project: "big",
      append: true,
      seed: "7",
      batch: 10_000,
      withCalls: true,
    });
  });

  it.each([
    [["--nodes", "0"], /between 1 and 2,000,000/],
    [["--nodes", "2000001"], /between 1 and 2,000,000/],
    [["--nodes", "1.5"], /whole number/],
    [["--nodes", "lots"], /whole number/],
    [["--nodes=-5"], /whole number/],
    [["--batch", "50"], /between 1,000 and 10,000/],
    [["--project", "  "], /must not be empty/],
    [["--bogus"], /Unknown option/],
  ])("refuses %j", (argv, message) => {
    expect(() => parseSeedScaleArgs(argv)).toThrow(message);
  });
});

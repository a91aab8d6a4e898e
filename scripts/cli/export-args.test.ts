import { describe, expect, it } from "vitest";
import { exportOptionsSchema } from "@/lib/validation/export";
import { parseExportArgs } from "./export-args";

describe("parseExportArgs", () => {
  it("maps every flag onto the export options the app uses", () => {
    const args = parseExportArgs([
      "--project",
      "p",
      "--out",
      "o.csv",
      "--format",
      "csv",
      "--status",
      "all",
      "--round",
      "1,2",
      "--round",
      "4",
      "--operation",
      "deepen",
      "--run",
      "0196f0c4-0000-7000-8000-000000000000",
      "--skill",
      "Math",
      "--no-seeds",
      "--keep-held-out",
      "--no-lineage",
      "--dedupe",
      "0.9",
      "--system",
      "hi",
      "--bundle",
      "--keep-raw-text",
      "--as",
      "a@b.c",
    ]);
    expect(args).toMatchObject({ project: "p", out: "o.csv", as: "a@b.c", help: false });
    expect(exportOptionsSchema.parse(args.options)).toEqual({
      status: "all",
      rounds: [1, 2, 4],
      operations: ["deepen"],
      runId: "0196f0c4-0000-7000-8000-000000000000",
      skill: "Math",
      includeSeeds: false,
      evalSetId: null,
      excludeHeldOut: false,
      dedupe: { enabled: true, threshold: 0.9 },
      format: "csv",
      lineage: false,
      systemPrompt: "hi",
      bundle: true,
      keepRawText: true,
    });
  });

  it("defaults: accepted, seeds in, lineage per format, no dedupe; --dedupe alone takes the default threshold", () => {
    expect(exportOptionsSchema.parse(parseExportArgs(["--project", "p"]).options)).toMatchObject({
      status: "accepted",
      includeSeeds: true,
      excludeHeldOut: true,
      lineage: true,
      dedupe: { enabled: false },
    });
    expect(exportOptionsSchema.parse(parseExportArgs(["--format", "sharegpt"]).options).lineage).toBe(false);
    expect(exportOptionsSchema.parse(parseExportArgs(["--format", "sharegpt", "--lineage"]).options).lineage).toBe(
      true,
    );
    expect(parseExportArgs(["--dedupe", "--bundle"]).options).toMatchObject({
      dedupe: { enabled: true, threshold: 0.8 },
      bundle: true,
    });
    expect(parseExportArgs(["--status", "accepted-or-passing"]).options.status).toBe("accepted_or_passing_unreviewed");
  });

  it("refuses unknown values", () => {
    expect(() => parseExportArgs(["--status", "maybe"])).toThrow(
      "--status must be one of accepted, accepted-or-passing, all",
    );
    expect(() => parseExportArgs(["--operation", "shuffle"])).toThrow('unknown operation "shuffle"');
    expect(() => parseExportArgs(["--round", "two"])).toThrow('--round takes round numbers, got "two"');
    expect(() => parseExportArgs(["--colour"])).toThrow();
  });
});

import { describe, expect, it } from "vitest";
import { parseSeedFileAsync } from "@/lib/seeds/parse-seed-file-async";
import { userTurn } from "./chat-turns";
import { encodeExport } from "./encode-export";
import { ANSWERED_RECORDS, collect, fromArray, TRICKY_RECORDS } from "./testing/sample-records";
import { EXPORT_FORMATS, FORMAT_EXTENSION } from "./types";

// Every format, exported and imported back through the real seed importer,
// must give the same instruction / input / output. Chat formats carry the
// input inside the user turn, so they come back as instruction + "\n\n" +
// input with an empty input. No format has the unanswered records. CSV
// round-trips exactly with keepRawText; by default a formula-like cell comes
// back with the leading ' that neutralised it.
describe.each(EXPORT_FORMATS.flatMap((format) => [true, false].map((lineage) => ({ format, lineage }))))(
  "$format (lineage: $lineage) → seed importer",
  ({ format, lineage }) => {
    it("gives back the exported texts", async () => {
      const bytes = await collect(
        encodeExport(fromArray(TRICKY_RECORDS), { format, lineage, systemPrompt: "Sys.", keepRawText: true }),
      );
      const parsed = await parseSeedFileAsync(new Uint8Array(bytes), {
        fileName: `export.${FORMAT_EXTENSION[format]}`,
      });
      expect(parsed.errors).toEqual([]);
      expect(parsed.duplicates).toEqual([]);
      const chat = format === "sharegpt" || format === "openai";
      const expected = chat
        ? ANSWERED_RECORDS.map((r) => ({ instruction: userTurn(r), input: "", output: r.output }))
        : ANSWERED_RECORDS.map((r) => ({ instruction: r.instruction, input: r.input, output: r.output }));
      expect(parsed.seeds.map(({ instruction, input, output }) => ({ instruction, input, output }))).toEqual(expected);
      if (chat) expect(parsed.seeds[0]!.metadata.system).toBe("Sys.");
      // CSV has no types: numbers come back as their text.
      // OpenAI chat files never carry lineage (NO_LINEAGE_FORMATS).
      if (lineage && format !== "openai")
        expect(parsed.seeds[0]!.metadata).toMatchObject({
          id: "a",
          root_id: "root-1",
          round: format === "csv" ? "0" : 0,
        });
    });
  },
);

describe("csv without keepRawText → seed importer", () => {
  it("gives back a formula-like cell with the ' that neutralised it, every other cell as it was", async () => {
    const bytes = await collect(encodeExport(fromArray(TRICKY_RECORDS), { format: "csv", lineage: false }));
    const parsed = await parseSeedFileAsync(new Uint8Array(bytes), { fileName: "export.csv" });
    expect(parsed.seeds.map((s) => s.output)).toEqual(
      ANSWERED_RECORDS.map((r) => (r.output!.startsWith("=") ? `'${r.output}` : r.output)),
    );
    expect(parsed.seeds.map((s) => s.instruction)).toEqual(ANSWERED_RECORDS.map((r) => r.instruction));
  });
});

import { describe, expect, it } from "vitest";
import { axolotlSnippet } from "./axolotl-snippet";

describe("axolotlSnippet", () => {
  it("alpaca JSONL", () => {
    expect(axolotlSnippet({ fileName: "data/evol.jsonl", format: "alpaca" })).toBe(
      'datasets:\n  - path: "data/evol.jsonl"\n    ds_type: json\n    type: alpaca\n',
    );
  });

  it("sharegpt maps from/value and human/gpt for chat_template", () => {
    expect(axolotlSnippet({ fileName: "evol.jsonl", format: "sharegpt" })).toBe(
      [
        "datasets:",
        '  - path: "evol.jsonl"',
        "    ds_type: json",
        "    type: chat_template",
        "    field_messages: conversations",
        "    message_property_mappings:",
        "      role: from",
        "      content: value",
        "    roles:",
        "      user: [human]",
        "      assistant: [gpt]",
        "      system: [system]",
        "",
      ].join("\n"),
    );
  });

  it("openai messages", () => {
    expect(axolotlSnippet({ fileName: "evol.jsonl", format: "openai" })).toBe(
      'datasets:\n  - path: "evol.jsonl"\n    ds_type: json\n    type: chat_template\n    field_messages: messages\n',
    );
  });

  it.each(["csv", "parquet"] as const)("%s names its loader", (format) => {
    expect(axolotlSnippet({ fileName: `evol.${format}`, format })).toBe(
      `datasets:\n  - path: "evol.${format}"\n    ds_type: ${format}\n    type: alpaca\n`,
    );
  });

  it("quotes a path with YAML-significant characters", () => {
    expect(axolotlSnippet({ fileName: 'my "evol": set #1.jsonl', format: "alpaca" })).toContain(
      'path: "my \\"evol\\": set #1.jsonl"',
    );
  });
});

import type { ExportFormat } from "../types";
import { yamlString } from "./markdown";

export interface AxolotlSnippetInput {
  /** Path of the data file as the axolotl config will see it. */
  fileName: string;
  format: ExportFormat;
}

const DS_TYPE: Record<ExportFormat, string> = {
  alpaca: "json",
  "alpaca-json": "json",
  sharegpt: "json",
  openai: "json",
  csv: "csv",
  parquet: "parquet",
};

/**
 * A `datasets:` block for an axolotl config. The chat formats use
 * `type: chat_template` (axolotl's replacement for the deprecated
 * `type: sharegpt`); ShareGPT turns need their keys and role names mapped,
 * and axolotl reads the top-level "system" field (its field_system default).
 */
export function axolotlSnippet({ fileName, format }: AxolotlSnippetInput): string {
  const lines = ["datasets:", `  - path: ${yamlString(fileName)}`, `    ds_type: ${DS_TYPE[format]}`];
  switch (format) {
    case "sharegpt":
      lines.push(
        "    type: chat_template",
        "    field_messages: conversations",
        "    message_property_mappings:",
        "      role: from",
        "      content: value",
        "    roles:",
        "      user: [human]",
        "      assistant: [gpt]",
        "      system: [system]",
      );
      break;
    case "openai":
      lines.push("    type: chat_template", "    field_messages: messages");
      break;
    default:
      lines.push("    type: alpaca");
  }
  return lines.join("\n") + "\n";
}

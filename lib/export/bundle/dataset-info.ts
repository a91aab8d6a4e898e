import type { ExportFormat } from "../types";

export interface DatasetInfoInput {
  /** Key under which LLaMA-Factory finds the dataset (`dataset: <name>` in its config). */
  name: string;
  /** The data file's name, relative to LLaMA-Factory's dataset_dir. */
  fileName: string;
  format: ExportFormat;
  lineage: boolean;
  systemPrompt?: string;
}

export interface DatasetInfo {
  file_name: string;
  formatting?: "sharegpt";
  columns: Record<string, string>;
  tags?: Record<string, string>;
}

const ALPACA_COLUMNS = { prompt: "instruction", query: "input", response: "output" };

/**
 * One entry of LLaMA-Factory's data/dataset_info.json. Alpaca is its default
 * formatting, so Alpaca, CSV and Parquet files (loaded by file extension)
 * need only the column names. Lineage columns are extra keys LLaMA-Factory
 * ignores, so `lineage` changes nothing here.
 */
export function datasetInfoEntry(input: DatasetInfoInput): Record<string, DatasetInfo> {
  const { name, fileName, format, systemPrompt } = input;
  const system = Boolean(systemPrompt?.trim());
  let info: DatasetInfo;
  switch (format) {
    case "alpaca":
    case "alpaca-json":
    case "csv":
    case "parquet":
      info = { file_name: fileName, columns: { ...ALPACA_COLUMNS } };
      break;
    case "sharegpt":
      info = {
        file_name: fileName,
        formatting: "sharegpt",
        columns: { messages: "conversations", ...(system ? { system: "system" } : {}) },
        tags: { role_tag: "from", content_tag: "value", user_tag: "human", assistant_tag: "gpt" },
      };
      break;
    case "openai":
      // The system prompt travels as a leading message; system_tag lets LLaMA-Factory lift it out.
      info = {
        file_name: fileName,
        formatting: "sharegpt",
        columns: { messages: "messages" },
        tags: {
          role_tag: "role",
          content_tag: "content",
          user_tag: "user",
          assistant_tag: "assistant",
          system_tag: "system",
        },
      };
      break;
  }
  return { [name]: info };
}

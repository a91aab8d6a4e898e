import { FORMAT_EXTENSION, type ExportFormat } from "./types";

export interface LinkSnippet {
  label: string;
  code: string;
}

/** How `datasets` and pandas read each kind of file: the builder name, and the pandas reader with its arguments. */
const READERS: Record<string, { builder: string; pandas: string }> = {
  jsonl: { builder: "json", pandas: "read_json(URL, lines=True)" },
  json: { builder: "json", pandas: "read_json(URL)" },
  csv: { builder: "csv", pandas: "read_csv(URL)" },
  parquet: { builder: "parquet", pandas: "read_parquet(URL)" },
};

/** Ready-to-paste ways to fetch a signed link's data file: curl, requests, datasets and pandas, for its format. */
export function linkSnippets(options: { url: string; fileName: string; format: ExportFormat }): LinkSnippet[] {
  const { url, fileName } = options;
  const reader = READERS[FORMAT_EXTENSION[options.format]]!;
  const quoted = JSON.stringify(url);
  return [
    { label: "curl", code: `curl -fL -o ${shellQuote(fileName)} ${shellQuote(url)}` },
    {
      label: "Python (requests)",
      code: [
        "import requests",
        "",
        `response = requests.get(${quoted}, timeout=60)`,
        "response.raise_for_status()",
        `with open(${JSON.stringify(fileName)}, "wb") as f:`,
        "    f.write(response.content)",
      ].join("\n"),
    },
    {
      label: "datasets",
      code: [
        "from datasets import load_dataset",
        "",
        `dataset = load_dataset(${JSON.stringify(reader.builder)}, data_files=${quoted}, split="train")`,
      ].join("\n"),
    },
    {
      label: "pandas",
      code: ["import pandas as pd", "", `URL = ${quoted}`, `df = pd.${reader.pandas}`].join("\n"),
    },
  ];
}

/** One shell word, whatever it holds. */
function shellQuote(text: string): string {
  return `'${text.replace(/'/g, "'\\''")}'`;
}

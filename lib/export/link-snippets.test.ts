import { describe, expect, it } from "vitest";
import { linkSnippets } from "./link-snippets";

const url = "https://evol.example.org/api/v1/links/abc_DEF-123/my-set-csv-20261206-140000.csv";

describe("linkSnippets", () => {
  it("reads each format with the matching datasets builder and pandas reader", () => {
    const code = (format: Parameters<typeof linkSnippets>[0]["format"]) =>
      linkSnippets({ url, fileName: "f", format })
        .map((s) => s.code)
        .join("\n");
    expect(code("alpaca")).toContain(`load_dataset("json", data_files="${url}", split="train")`);
    expect(code("alpaca")).toContain("pd.read_json(URL, lines=True)");
    expect(code("alpaca-json")).toContain("pd.read_json(URL)\n".trimEnd());
    expect(code("alpaca-json")).not.toContain("lines=True");
    expect(code("csv")).toContain('load_dataset("csv"');
    expect(code("csv")).toContain("pd.read_csv(URL)");
    expect(code("parquet")).toContain('load_dataset("parquet"');
    expect(code("parquet")).toContain("pd.read_parquet(URL)");
  });

  it("saves under the file's own name with curl and requests, quoting it for the shell", () => {
    const [curl, requests] = linkSnippets({ url, fileName: "it's.jsonl", format: "openai" });
    expect(curl!.code).toBe(`curl -fL -o 'it'\\''s.jsonl' '${url}'`);
    expect(requests!.code).toContain(`requests.get("${url}", timeout=60)`);
    expect(requests!.code).toContain(`open("it's.jsonl", "wb")`);
  });
});

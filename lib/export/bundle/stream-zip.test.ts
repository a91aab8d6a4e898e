import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { collect } from "../testing/sample-records";
import { streamZip } from "./stream-zip";

const dir = mkdtempSync(path.join(tmpdir(), "evol-zip-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("streamZip", () => {
  it("writes a zip that unzip lists and extracts byte for byte", async () => {
    const line = '{"instruction":"日本語 👋","input":"","output":"x"}\n';
    let pulled = 0;
    async function* data(): AsyncGenerator<Uint8Array> {
      for (let i = 0; i < 200; i++) {
        pulled++;
        yield new TextEncoder().encode(line.repeat(100));
      }
    }
    const zip = await collect(
      streamZip([
        { name: "evol.jsonl", data: data() },
        { name: "README.md", data: "# Evol\n" },
        { name: "dataset_info.json", data: '{"evol":{}}\n' },
      ]),
    );
    expect(pulled).toBe(200);
    const file = path.join(dir, "bundle.zip");
    writeFileSync(file, zip);
    const listing = execFileSync("unzip", ["-Z1", file], { encoding: "utf8" });
    expect(listing.trim().split("\n")).toEqual(["evol.jsonl", "README.md", "dataset_info.json"]);
    expect(execFileSync("unzip", ["-p", file, "evol.jsonl"], { encoding: "utf8", maxBuffer: 1 << 26 })).toBe(
      line.repeat(100 * 200),
    );
    expect(execFileSync("unzip", ["-p", file, "README.md"], { encoding: "utf8" })).toBe("# Evol\n");
    expect(() => execFileSync("unzip", ["-tq", file])).not.toThrow();
  });

  it("fails the stream when an entry's source fails", async () => {
    async function* broken(): AsyncGenerator<Uint8Array> {
      yield new Uint8Array([1, 2, 3]);
      throw new Error("source broke");
    }
    await expect(collect(streamZip([{ name: "x.bin", data: broken() }]))).rejects.toThrow("source broke");
  });
});

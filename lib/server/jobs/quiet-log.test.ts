import { afterEach, describe, expect, it, vi } from "vitest";
import { quietLog } from "./quiet-log";

describe("quietLog", () => {
  afterEach(() => vi.useRealTimers());

  it("writes a repeated failure once per window, saying how often it came meanwhile, whatever worker id it names", () => {
    vi.useFakeTimers({ now: 0 });
    const lines: string[] = [];
    const log = quietLog((line) => lines.push(line), 30_000);
    const failure = (id: string) => `queue error: Connection terminated (Queue: evolve-step, Worker: ${id})`;
    log(failure("3f352538-f0d6-4f70-9268-86e795666382"));
    for (let i = 0; i < 50; i++) {
      vi.advanceTimersByTime(500);
      log(failure(`0853bbe3-4e13-476f-8c73-${String(i).padStart(12, "0")}`));
    }
    log("export queue error: something else");
    vi.advanceTimersByTime(5_001);
    log(failure("55c7650d-424d-4c42-8871-23e6cca2c0c6"));

    expect(lines).toEqual([
      failure("3f352538-f0d6-4f70-9268-86e795666382"),
      "export queue error: something else",
      `${failure("55c7650d-424d-4c42-8871-23e6cca2c0c6")} (50 more times in the last 30 s)`,
    ]);
  });
});

import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ConcurrencyLine } from "./concurrency-line";

// The reader's clock: fixed here so the expected HH:MM is known.
process.env.TZ = "UTC";

const text = (html: string) => html.replace(/<[^>]+>/g, "");
const row = { endpoint: "127.0.0.1:4010", model: "gpt-4o", max: 64, backedOffAt: "2026-12-02T01:52:10.000Z" };

describe("ConcurrencyLine", () => {
  it("says the limit in use, its ceiling, and when and why it backed off", () => {
    const html = renderToStaticMarkup(<ConcurrencyLine limits={[{ ...row, limit: 12, reason: "rate_limited" }]} />);
    expect(text(html)).toBe("Concurrency: 12 of 64 (backed off after 429 at 01:52)");
  });

  it("names the model when the run uses several, and says when it grew again after a back-off", () => {
    const html = renderToStaticMarkup(
      <ConcurrencyLine
        limits={[
          { ...row, limit: 20, reason: "raised" },
          { ...row, model: "gpt-4o-mini", limit: 64, reason: "start", backedOffAt: null },
        ]}
      />,
    );
    expect(text(html)).toContain(
      "Concurrency: 20 of 64 for gpt-4o (raised again after backing off, last back-off at 01:52)",
    );
    expect(text(html)).toContain("Concurrency: 64 of 64 for gpt-4o-mini");
  });

  it("shows nothing before any limit was recorded", () => {
    expect(renderToStaticMarkup(<ConcurrencyLine limits={[]} />)).toBe("");
  });
});

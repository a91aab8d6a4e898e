import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { EndpointWaitNotice } from "./endpoint-wait-notice";

// The reader's clock: fixed here so the expected HH:MM is known.
process.env.TZ = "UTC";

const text = (html: string) => html.replace(/<[^>]+>/g, "");

describe("EndpointWaitNotice", () => {
  it("says since when the run waits for the endpoint and how many calls are held", () => {
    const html = renderToStaticMarkup(
      <EndpointWaitNotice wait={{ since: "2026-12-01T09:05:41.000Z", heldCalls: 1234 }} />,
    );
    expect(text(html)).toContain("Waiting for the endpoint since 09:05 (1,234 calls held)");
    expect(html).toContain('dateTime="2026-12-01T09:05:41.000Z"');
    expect(html).toContain('role="status"');
  });

  it("counts one held call in the singular", () => {
    const html = renderToStaticMarkup(
      <EndpointWaitNotice wait={{ since: "2026-12-01T23:59:00.000Z", heldCalls: 1 }} />,
    );
    expect(text(html)).toContain("since 23:59 (1 call held)");
  });
});

// The queue's count line while it is counted and when counting fails: the
// buttons that would act on every match stay off, and a failure says so in
// the line's place instead of failing the page (decision 0048).
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import { reviewQueueFilterSchema } from "@/lib/validation/review";
import { QueueCount, QueueCountPending } from "./queue-count";

const text = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");
const disabledButtons = (html: string) =>
  [...html.matchAll(/<button[^>]*disabled=""[^>]*>([^<]*)<\/button>/g)].map((m) => m[1]);

describe("the queue's count line", () => {
  it("says it is counting, with the bulk buttons off", () => {
    const html = renderToStaticMarkup(<QueueCountPending />);
    expect(text(html)).toContain("Counting matches…");
    expect(html).toContain('data-testid="queue-count-pending"');
    expect(disabledButtons(html)).toEqual(["Accept all matching…", "Reject all matching…"]);
  });

  it("says the count failed, keeps the bulk buttons off, and logs why", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const failure = new Error("canceling statement due to statement timeout");
    const element = await QueueCount({
      total: Promise.reject(failure),
      projectId: "0190a1b2-c3d4-7e5f-8a6b-7c8d10000000",
      filter: reviewQueueFilterSchema.parse({ q: "explain" }),
      bulkLimit: 200,
    });
    const html = renderToStaticMarkup(element);
    expect(text(html)).toContain("Could not count the matching nodes; reload the page to try again.");
    expect(html).toContain('data-testid="queue-count-failed"');
    expect(html).not.toContain('data-testid="queue-count"');
    expect(disabledButtons(html)).toEqual(["Accept all matching…", "Reject all matching…"]);
    expect(logged).toHaveBeenCalledWith("[review queue] counting the matches failed:", failure);
    logged.mockRestore();
  });
});

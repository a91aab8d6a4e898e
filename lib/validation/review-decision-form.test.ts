import { describe, expect, it } from "vitest";
import { decisionFormSchema } from "./review";

describe("decisionFormSchema", () => {
  it("reads the decision from its JSON field with the action's defaults", () => {
    const parsed = decisionFormSchema.parse({
      decision: JSON.stringify({ decision: "reject", reasonTags: ["too_easy"] }),
    });
    expect(parsed.decision).toEqual({
      decision: "reject",
      reasonTags: ["too_easy"],
      note: "",
      seenReviewId: null,
      seenAt: null,
    });
  });

  it("refuses a missing or broken field and an unknown decision with a clear message", () => {
    expect(decisionFormSchema.safeParse({}).error?.issues[0]?.message).toBe("The decision is missing or not JSON.");
    expect(decisionFormSchema.safeParse({ decision: "{not json" }).error?.issues[0]?.message).toBe(
      "The decision is missing or not JSON.",
    );
    expect(decisionFormSchema.safeParse({ decision: JSON.stringify({ decision: "maybe" }) }).success).toBe(false);
  });
});

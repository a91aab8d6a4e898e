// Clients read a route's error message from its JSON body: the message of the
// one error shape, nothing from anything else.
import { describe, expect, it } from "vitest";
import { routeErrorMessage } from "./route-error";

describe("routeErrorMessage", () => {
  it("reads the message of a route's error body", () => {
    expect(routeErrorMessage({ error: { code: "FAILED", message: "A bundle is built as a job." } })).toBe(
      "A bundle is built as a job.",
    );
  });

  it("gives null for bodies of any other shape", () => {
    for (const body of [null, "text", 42, {}, { error: "Only admins can export." }, { error: { message: 3 } }])
      expect(routeErrorMessage(body)).toBeNull();
  });
});

import { describe, expect, it } from "vitest";
import { annotateNextLine } from "./next-output";

describe("annotateNextLine", () => {
  const appUrl = "http://localhost:3000";

  it("says which address to open once the server listens", () => {
    expect(annotateNextLine("[evol] serving on http://127.0.0.1:3000", appUrl)).toEqual([
      "[evol] serving on http://127.0.0.1:3000",
      "[evol] ready: open http://localhost:3000",
    ]);
  });

  it("warns that other machines need APP_URL when it listens on every interface", () => {
    for (const host of ["0.0.0.0", "[::]"]) {
      expect(annotateNextLine(`[evol] serving on http://${host}:3000`, appUrl)).toEqual([
        `[evol] serving on http://${host}:3000`,
        "[evol] other machines can reach it; signing in from them needs APP_URL set to the address they open",
        "[evol] ready: open http://localhost:3000",
      ]);
    }
    expect(annotateNextLine("[evol] serving on http://0.0.0.0:3000", "http://192.0.2.2:3000")).toHaveLength(2);
  });

  it("warns when it listens at an address APP_URL does not name", () => {
    expect(annotateNextLine("[evol] serving on http://192.0.2.2:3000", appUrl)).toEqual([
      "[evol] serving on http://192.0.2.2:3000",
      "[evol] signing in at http://192.0.2.2:3000 needs APP_URL=http://192.0.2.2:3000",
      "[evol] ready: open http://localhost:3000",
    ]);
    expect(annotateNextLine("[evol] serving on http://192.0.2.2:3000", "http://192.0.2.2:3000")).toHaveLength(2);
  });

  it("passes other lines through", () => {
    expect(annotateNextLine("▲ Next.js 16.4.6", appUrl)).toEqual(["▲ Next.js 16.4.6"]);
    expect(annotateNextLine(" ✓ Ready in 252ms", appUrl)).toEqual([" ✓ Ready in 252ms"]);
  });
});

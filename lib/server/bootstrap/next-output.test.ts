import { describe, expect, it } from "vitest";
import { annotateNextLine } from "./next-output";

describe("annotateNextLine", () => {
  const appUrl = "http://localhost:3000";

  it("keeps the local address and warns about the network one", () => {
    expect(annotateNextLine("   - Local:         http://localhost:3000", appUrl)).toEqual([
      "   - Local:         http://localhost:3000",
    ]);
    expect(annotateNextLine("   - Network:       http://192.0.2.2:3000", appUrl)).toEqual([
      "   - Network:       http://192.0.2.2:3000  (signing in there needs APP_URL=http://192.0.2.2:3000)",
    ]);
  });

  it("matches through colour codes and says which address to open once Next is ready", () => {
    expect(annotateNextLine("\u001b[32m ✓\u001b[39m Ready in 252ms", appUrl)).toEqual([
      "\u001b[32m ✓\u001b[39m Ready in 252ms",
      "[evol] ready: open http://localhost:3000",
    ]);
  });

  it("trusts the network address when APP_URL names it, and warns about localhost when APP_URL is elsewhere", () => {
    expect(annotateNextLine("- Network: http://192.0.2.2:3000", "http://192.0.2.2:3000")).toHaveLength(1);
    expect(annotateNextLine("- Local: http://localhost:3000", "https://evol.example.org")).toEqual([
      "- Local: http://localhost:3000  (signing in there needs APP_URL=http://localhost:3000)",
    ]);
  });

  it("passes other lines through", () => {
    expect(annotateNextLine("▲ Next.js 16.4.6", appUrl)).toEqual(["▲ Next.js 16.4.6"]);
  });
});

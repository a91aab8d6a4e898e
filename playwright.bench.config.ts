// `npm run bench:browser`: the browser-side figures (BENCHMARKS.md) measured in
// Chromium against the production build, on the same throw-away server as
// the browser tests. Not part of `npm test`: it prints figures, it does not pass or fail on speed.
import { defineConfig } from "@playwright/test";
import base from "./playwright.config";

export default defineConfig({
  ...base,
  testDir: "bench",
  testMatch: "*.bench.ts",
  timeout: 180_000,
  reporter: [["list"]],
});

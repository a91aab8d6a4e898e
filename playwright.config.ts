import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3100);
export const E2E_BASE_URL = `http://localhost:${PORT}`;
export const OTHER_HOST = "evol-studio.test";

// Playwright cannot download its own browser here; use Debian's Chromium unless
// PLAYWRIGHT_CHROMIUM_PATH names another (or is empty, for Playwright's own).
const chromiumPath =
  process.env.PLAYWRIGHT_CHROMIUM_PATH ?? (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL: E2E_BASE_URL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          executablePath: chromiumPath || undefined,
          args: [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
            // A second name for this machine, to open the app at an address APP_URL does not name.
            `--host-resolver-rules=MAP ${OTHER_HOST} 127.0.0.1`,
          ],
        },
      },
    },
  ],
  webServer: {
    // A throw-away data folder and embedded Postgres of its own, so the
    // browser tests never touch a developer's data.
    command: "node e2e/support/serve.mjs",
    url: `${E2E_BASE_URL}/sign-in`,
    reuseExistingServer: false,
    // Let the launcher stop its workers, the web server and Postgres in order.
    gracefulShutdown: { signal: "SIGTERM", timeout: 20_000 },
    timeout: 240_000,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      PORT: String(PORT),
      APP_URL: E2E_BASE_URL,
      EVOL_DATA_DIR: ".data/e2e",
      EMBEDDED_POSTGRES_PORT: process.env.E2E_POSTGRES_PORT ?? "54339",
      ADMIN_EMAIL: "admin@e2e.test",
      ADMIN_PASSWORD: "e2e-admin-password",
      // Every test signs in afresh from the same address; the limit itself is tested in tests/integration.
      SIGN_IN_RATE_LIMIT: "500/60",
      // A team that raised the per-field limit: e2e/huge-texts.spec.ts imports a 1 MB seed (the limit's own
      // errors are tested in lib/seeds and tests/integration).
      SEED_MAX_FIELD_CHARS: "2000000",
      DATABASE_URL: "",
      // No real LLM in tests: runs use the built-in simulator, slow enough to pause.
      OPENAI_API_KEY: "",
      OPENAI_BASE_URL: "",
      SIMULATOR_URL: "",
      SIMULATOR_LATENCY_MS: "300",
      // Batch-mode runs (e2e/batch-run.spec.ts): batches that take a moment, polled often, and no phase too small to
      // go through a batch.
      SIMULATOR_BATCH_DELAY_MS: "1500",
      LLM_BATCH_POLL_SECONDS: "0.5",
      LLM_BATCH_SYNC_BELOW: "0",
      LLM_CONCURRENCY: "8",
      // The reaper settles dead exports and orphaned steps within seconds, not a minute (e2e/export-settle.spec.ts).
      EVOL_REAPER_INTERVAL_SECONDS: "2",
    },
  },
});

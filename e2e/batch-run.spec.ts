import { expect, test } from "./support/test";
import { ADMIN, signIn } from "./support/accounts";
import { projectWithPastedSeeds } from "./support/evolved-project";

const topics = ["tides", "compilers", "bread", "volcanoes", "jazz", "sleep"];

// The e2e server's simulator takes SIMULATOR_BATCH_DELAY_MS per batch and is polled every LLM_BATCH_POLL_SECONDS
// (playwright.config.ts): each round waits for an evolve batch, then for its answer and judge batches.
test("an admin starts a Batch API run and sees its batches listed and completed, and the run completed", async ({
  page,
}) => {
  // Each phase waits for pg-boss to pick up the run's delayed batch job: up to 30 s while the queue uses NOTIFY.
  test.setTimeout(300_000);
  await signIn(page, ADMIN);
  const projectUrl = await projectWithPastedSeeds(
    page,
    topics.map((topic, i) => `Explain how ${topic} work, part ${i + 1}.`),
    "Batch",
  );
  await page.goto(projectUrl);
  await page.getByRole("link", { name: "Start a run" }).click();
  await page.getByLabel("Run name (optional)").fill("batch run");
  await page.getByLabel("Rounds (M)").fill("2");
  const batchOption = page.getByRole("checkbox", { name: /Batch API — about half the price, results within hours/ });
  await expect(batchOption).not.toBeChecked();
  await batchOption.check();
  await page.getByRole("button", { name: "Start run" }).click();
  await expect(page.getByRole("heading", { name: "batch run" })).toBeVisible();
  await expect(page.getByTestId("run-batch-mode")).toHaveText(/Batch API/);
  await expect(page.getByRole("heading", { name: "Batches" })).toBeVisible();

  // The first round's evolve batch carries one request per seed; the page's polling shows it end.
  const firstEvolve = page.locator('[data-testid="run-batch"][data-round="1"][data-phase="evolve"]');
  await expect(firstEvolve).toHaveCount(1, { timeout: 30_000 });
  await expect(firstEvolve.getByTestId("batch-requests")).toHaveText("6 done of 6", { timeout: 90_000 });
  await expect(firstEvolve.getByTestId("batch-state")).toHaveText("Completed");

  await expect(page.getByTestId("run-status")).toHaveText("completed", { timeout: 240_000 });
  await expect(page.getByTestId("run-percent")).toHaveText("100");
  await expect(page.locator('[data-metric="Evolved"]')).toHaveText("12");
  // Both rounds went through batches, evolve first, then answer and judge; every one was collected.
  const batches = page.getByTestId("run-batch");
  for (const round of ["1", "2"])
    for (const phase of ["evolve", "answer", "judge"])
      await expect(
        page.locator(`[data-testid="run-batch"][data-round="${round}"][data-phase="${phase}"]`),
      ).not.toHaveCount(0);
  const states = await batches.evaluateAll((rows) => rows.map((row) => row.getAttribute("data-state")));
  expect(new Set(states)).toEqual(new Set(["collected"]));
  for (const state of await page.getByTestId("batch-state").allTextContents()) expect(state).toBe("Completed");

  // The run list says the same once the run is done.
  await page.goto(projectUrl);
  await expect(page.getByTestId("run-row").filter({ hasText: "batch run" })).toContainText("completed");
  await expect(page.getByTestId("run-row").filter({ hasText: "batch run" })).toContainText("Batch API");
});

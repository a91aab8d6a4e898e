import type { Page } from "@playwright/test";
import { expect, test } from "./support/test";
import { ADMIN, signIn } from "./support/accounts";
import { projectWithPastedSeeds } from "./support/evolved-project";

const topics = ["tides", "compilers", "bread", "volcanoes", "jazz", "sleep", "bridges", "bees", "chess", "glass"];

function projectWithSeeds(page: Page, count: number) {
  return projectWithPastedSeeds(
    page,
    Array.from({ length: count }, (_, i) => `Explain how ${topics[i % topics.length]} work, part ${i + 1}.`),
    "Runs",
  );
}

async function startRun(page: Page, projectUrl: string, options: { rounds: number; name: string }) {
  await page.goto(projectUrl);
  await page.getByRole("link", { name: "Start a run" }).click();
  await expect(page.getByRole("heading", { name: "Start an evolution run" })).toBeVisible();
  await expect(page.getByRole("radio", { name: /Simulator — not a real model/ })).toBeChecked();
  await page.getByLabel("Run name (optional)").fill(options.name);
  await page.getByLabel("Rounds (M)").fill(String(options.rounds));
  await page.getByRole("button", { name: "Start run" }).click();
  await expect(page.getByRole("heading", { name: options.name })).toBeVisible();
}

test("an admin starts a run from the project page and watches it reach 100%, pausing and resuming on the way", async ({
  page,
}) => {
  await signIn(page, ADMIN);
  const projectUrl = await projectWithSeeds(page, 12);
  await page.goto(projectUrl);
  await page.getByRole("link", { name: "Start a run" }).click();
  // The estimate follows the form: 12 seeds × 4 rounds × 3 calls.
  await expect(page.getByTestId("estimate-calls")).toHaveText("144");
  await page.getByLabel("Rounds (M)").fill("2");
  await expect(page.getByTestId("estimate-calls")).toHaveText("72");
  // The duplicate rule's threshold sits under its switch, only while the rule is on.
  const threshold = page.getByLabel("Near-duplicate threshold");
  await expect(threshold).toHaveValue("0.95");
  await page.getByRole("checkbox", { name: /^Duplicate/ }).uncheck();
  await expect(threshold).toHaveCount(0);
  await page.getByRole("checkbox", { name: /^Duplicate/ }).check();
  await expect(threshold).toHaveValue("0.95");

  await startRun(page, projectUrl, { rounds: 3, name: "watched run" });
  await expect(page.getByTestId("run-status")).toHaveText(/running|completed/);
  await page.getByRole("button", { name: "Pause" }).click();
  await expect(page.getByTestId("run-status")).toHaveText("paused");
  // Steps already in flight finish; after that nothing moves while paused.
  await page.waitForTimeout(3_000);
  await page.reload();
  const frozen = await page.locator('[data-metric="Evolved"]').textContent();
  await page.waitForTimeout(2_000);
  await page.reload();
  await expect(page.getByTestId("run-status")).toHaveText("paused");
  await expect(page.locator('[data-metric="Evolved"]')).toHaveText(frozen ?? "");
  expect(Number(frozen)).toBeLessThan(36);

  await page.getByRole("button", { name: "Resume" }).click();
  await expect(page.getByTestId("run-status")).toHaveText("completed", { timeout: 45_000 });
  await expect(page.getByTestId("run-percent")).toHaveText("100");
  await expect(page.locator('[data-metric="Evolved"]')).toHaveText("36");
  await expect(page.locator('[data-metric="LLM calls"]')).toHaveText("108");
  await expect(page.getByTestId("round-progress")).toHaveCount(3);

  await page.goto(projectUrl);
  await expect(page.getByTestId("run-row").filter({ hasText: "watched run" })).toContainText("completed");
});

test("an admin cancels a run, and nothing more is evolved", async ({ page }) => {
  await signIn(page, ADMIN);
  const projectUrl = await projectWithSeeds(page, 10);
  await startRun(page, projectUrl, { rounds: 4, name: "cancelled run" });
  page.once("dialog", (dialog) => dialog.accept());
  await page.getByRole("button", { name: "Cancel run" }).click();
  await expect(page.getByTestId("run-status")).toHaveText("cancelled");
  await page.waitForTimeout(1_500);
  await page.reload();
  const evolved = Number(await page.locator('[data-metric="Evolved"]').textContent());
  expect(evolved).toBeLessThan(40);
  await page.waitForTimeout(1_500);
  await page.reload();
  await expect(page.locator('[data-metric="Evolved"]')).toHaveText(String(evolved));
  await expect(page.getByRole("button", { name: "Resume" })).toHaveCount(0);
});

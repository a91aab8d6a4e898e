import { readFile } from "node:fs/promises";
import { decisionsSaved } from "./support/decisions";
import { expect, test } from "./support/test";
import { ADMIN, createAnnotator, signIn } from "./support/accounts";
import { evolvedProject } from "./support/evolved-project";

const seeds = [
  "Explain how tides work.",
  "Describe a good password policy.",
  "Summarise the plot of Hamlet in three sentences.",
];

test("an admin chooses a selection, sees its count, exports and downloads the expected records", async ({ page }) => {
  await signIn(page, ADMIN);
  const projectUrl = await evolvedProject(page, seeds, 1);

  // Accept one evolved node, so "accepted only" has exactly one record.
  await page.goto(`${projectUrl}/review?status=unreviewed`);
  await page.getByTestId("queue-item").first().getByRole("link").click();
  const nodeId = await page.getByTestId("node-view").getAttribute("data-node-id");
  const before = page.url();
  await page.keyboard.press("a");
  await expect(page).not.toHaveURL(before);
  await decisionsSaved(page);

  await page.goto(projectUrl);
  await page.getByRole("link", { name: "Export", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Export the dataset" })).toBeVisible();
  // Default: accepted only, seeds included (none is accepted).
  await expect(page.getByTestId("export-count")).toHaveText("1");
  await page.getByLabel("Everything (with its statuses)").check();
  await expect(page.getByTestId("export-count")).toHaveText("6");
  await page.getByLabel("Include seeds (round 0)").uncheck();
  await expect(page.getByTestId("export-count")).toHaveText("3");
  await page.getByLabel("Accepted only").check();
  await expect(page.getByTestId("export-count")).toHaveText("1");

  await page.getByRole("button", { name: "Export", exact: true }).click();
  await expect(page.getByTestId("export-status")).toHaveText("done", { timeout: 20_000 });
  await expect(page.getByTestId("export-summary")).toHaveText("Exported 1 record.");
  const downloadPromise = page.waitForEvent("download");
  await page
    .getByTestId("export-progress")
    .getByRole("link", { name: /^Download .*\.jsonl$/ })
    .click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toMatch(/-alpaca-\d{8}-\d{6}\.jsonl$/);
  const lines = (await readFile((await download.path())!, "utf8"))
    .trimEnd()
    .split("\n")
    .map((l) => JSON.parse(l));
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatchObject({ id: nodeId, round: 1, human_status: "accepted", verdict: "passed" });
  expect(lines[0].parent_id).not.toBeNull();
  expect(typeof lines[0].instruction).toBe("string");
  expect(lines[0].output.length).toBeGreaterThan(0);

  // The export is in the history, downloadable again.
  await page.reload();
  const row = page.getByTestId("export-row").first();
  await expect(row).toContainText("alpaca · lineage");
  await expect(row).toContainText("accepted · no seeds");
  await expect(row.getByRole("link", { name: /^Download/ })).toBeVisible();
});

test("Download now streams the selected records straight to the browser and records the export", async ({ page }) => {
  await signIn(page, ADMIN);
  const projectUrl = await evolvedProject(page, seeds, 1);
  await page.goto(`${projectUrl}/export`);
  await page.getByLabel("Everything (with its statuses)").check();
  await page.getByLabel("Include seeds (round 0)").uncheck();
  await expect(page.getByTestId("export-count")).toHaveText("3");
  const downloadPromise = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download now" }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toMatch(/-alpaca-\d{8}-\d{6}\.jsonl$/);
  const lines = (await readFile((await download.path())!, "utf8"))
    .trimEnd()
    .split("\n")
    .map((l) => JSON.parse(l));
  expect(lines).toHaveLength(3);
  expect(lines.every((l) => l.round === 1 && l.parent_id && l.human_status === "unreviewed")).toBe(true);
  // Recorded like any export, and downloadable again from the history.
  await page.reload();
  const row = page.getByTestId("export-row").first();
  await expect(row).toContainText("everything (with its statuses) · no seeds");
  await expect(row.getByRole("link", { name: /^Download/ })).toBeVisible();

  // Freeing the disk keeps the record.
  page.once("dialog", (dialog) => void dialog.accept());
  await row.getByRole("button", { name: "Remove files" }).click();
  await expect(row).toContainText("files removed");
  await expect(row.getByRole("link", { name: /^Download/ })).toHaveCount(0);
  await expect(row).toContainText("3");
});

test("an annotator is refused the export page and the download", async ({ page, browser }) => {
  await signIn(page, ADMIN);
  const projectUrl = await evolvedProject(page, ["Explain why the sea is salty."], 1);
  await page.goto(`${projectUrl}/export`);
  await page.getByLabel("Everything (with its statuses)").check();
  await expect(page.getByTestId("export-count")).toHaveText("2");
  await page.getByRole("button", { name: "Export", exact: true }).click();
  await expect(page.getByTestId("export-status")).toHaveText("done", { timeout: 20_000 });
  const href = await page
    .getByTestId("export-progress")
    .getByRole("link", { name: /^Download/ })
    .getAttribute("href");

  const annotator = { email: `exp-ann-${Date.now()}@e2e.test`, password: "annotator-password" };
  await createAnnotator(page, { ...annotator, name: "Export Annotator" }, [projectUrl]);

  const context = await browser.newContext();
  const annotatorPage = await context.newPage();
  await signIn(annotatorPage, annotator);
  await annotatorPage.goto(projectUrl);
  await expect(annotatorPage.getByRole("link", { name: "Export", exact: true })).toHaveCount(0);
  const response = await annotatorPage.goto(`${new URL(projectUrl).pathname}/export`);
  expect(response?.status()).toBe(403);
  await expect(annotatorPage.getByRole("heading", { name: "Admins only" })).toBeVisible();
  const refused = await annotatorPage.request.get(href!);
  expect(refused.status()).toBe(403);
  expect(await refused.json()).toEqual({ error: { code: "FORBIDDEN", message: "Only admins can do this." } });
  await context.close();
});

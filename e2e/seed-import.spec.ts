import type { Page } from "@playwright/test";
import { expect, test } from "./support/test";
import { ADMIN, signIn, uniqueName } from "./support/accounts";
import { distinctSeeds, readSeedTexts, SEED_TASKS, WIZARDLM_LAYOUT } from "./support/seed-files";

async function createProject(page: Page) {
  const name = uniqueName("Seeds");
  await page.goto("/projects");
  await page.getByRole("textbox", { name: "Name" }).fill(name);
  await page.getByRole("button", { name: "Create project" }).click();
  await expect(page.getByTestId("project-name")).toHaveText(name);
  return { name, url: page.url() };
}

async function previewFile(page: Page, file: string | { name: string; mimeType: string; buffer: Buffer }) {
  await page.getByLabel("Seed file").setInputFiles(file);
  await page.getByRole("button", { name: "Preview" }).click();
  const preview = page.getByTestId("import-preview");
  await expect(preview).toBeVisible();
  return preview;
}

const count = (page: Page, label: string) => page.getByTestId("import-preview").locator(`[data-count="${label}"]`);

test("an admin imports the Self-Instruct seeds and a WizardLM test-set file, sees the counts and searches them", async ({
  page,
}) => {
  const seedTasks = distinctSeeds(readSeedTexts(SEED_TASKS));
  const wizardRows = readSeedTexts(WIZARDLM_LAYOUT);
  const wizard = distinctSeeds(wizardRows);
  expect(seedTasks).toHaveLength(175);
  expect(wizardRows).toHaveLength(25);

  await signIn(page, ADMIN);
  const project = await createProject(page);
  await page.getByRole("link", { name: "Import seeds" }).click();

  const first = await previewFile(page, SEED_TASKS);
  await expect(first).toContainText("Self-Instruct seed tasks");
  await expect(first).toContainText("instances[0].input");
  await expect(count(page, "Records read")).toHaveText("175");
  await expect(count(page, "New seeds")).toHaveText("175");
  await expect(count(page, "Errors")).toHaveText("0");
  await page.getByRole("button", { name: "Import 175 seeds" }).click();
  await expect(page.getByTestId("import-summary")).toHaveText("Imported 175 seeds.");

  await page.getByRole("button", { name: "Import another file" }).click();
  const second = await previewFile(page, WIZARDLM_LAYOUT);
  await expect(second).toContainText("WizardLM test set");
  await expect(count(page, "Records read")).toHaveText("25");
  // The file repeats one instruction (differing only by a trailing space), as the real test set does:
  // it is reported as a duplicate and skipped, as the import rules say.
  const duplicates = wizardRows.length - wizard.length;
  await expect(count(page, "Duplicates in file")).toHaveText(String(duplicates));
  await expect(count(page, "New seeds")).toHaveText(String(wizard.length));
  await page.getByRole("button", { name: `Import ${wizard.length} seeds` }).click();
  await expect(page.getByTestId("import-summary")).toContainText(`Imported ${wizard.length} seeds.`);

  await page.getByRole("link", { name: "View seeds" }).click();
  const total = seedTasks.length + wizard.length;
  await expect(page.locator('[data-stat="Seeds"]')).toHaveText(total.toLocaleString("en-US"));
  await expect(page.getByTestId("seed-count")).toHaveText(`${total} seeds`);
  await expect(page.getByTestId("seed-row")).toHaveCount(50);
  const history = page.getByTestId("import-row");
  await expect(history).toHaveCount(2);
  await expect(history.nth(0)).toContainText("wizardlm-layout.jsonl");
  await expect(history.nth(0)).toContainText(ADMIN.email);
  await expect(history.nth(0).locator("td").nth(4)).toHaveText(String(wizard.length));
  await expect(history.nth(1)).toContainText("seed_tasks.jsonl");

  // Four Self-Instruct tasks and two rows of the WizardLM-layout file mention Python.
  const term = "python";
  const matches = [...seedTasks, ...wizard].filter((s) =>
    `${s.instruction}\n${s.input}`.toLowerCase().includes(term),
  ).length;
  expect(matches).toBeGreaterThan(1);
  await page.getByRole("searchbox", { name: "Search seeds" }).fill(term);
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByTestId("seed-count")).toHaveText(`${matches} of ${total} seeds match “${term}”`);
  await expect(page.getByTestId("seed-row")).toHaveCount(Math.min(matches, 50));
  for (const text of await page.getByTestId("seed-row").allInnerTexts()) expect(text.toLowerCase()).toContain(term);

  const sample = wizard[wizard.length - 1];
  await page.getByRole("searchbox", { name: "Search seeds" }).fill(sample.instruction.slice(0, 60));
  await page.getByRole("button", { name: "Search" }).click();
  const row = page.getByTestId("seed-row").first();
  await expect(row).toContainText(`skill: ${sample.metadata.skill}`);
  await expect(row).toContainText(`difficulty: ${sample.metadata.difficulty}`);
  await expect(page).toHaveURL(new RegExp(`^${project.url}\\?q=`));
});

test("a file with two bad lines shows both line errors and imports nothing until the user skips them", async ({
  page,
}) => {
  const lines = [
    JSON.stringify({ instruction: "Summarise the plot of Hamlet in two sentences.", input: "", output: "" }),
    '{"instruction": "Broken line", "input": ',
    JSON.stringify({ instruction: "Translate 'good morning' into French.", input: "", output: "Bonjour." }),
    JSON.stringify({ input: "a record without an instruction" }),
    JSON.stringify({ instruction: "List three prime numbers above 100.", input: "", output: "101, 103, 107" }),
  ];
  await signIn(page, ADMIN);
  const project = await createProject(page);
  await page.getByRole("link", { name: "Import seeds" }).click();
  await previewFile(page, {
    name: "two-bad-lines.jsonl",
    mimeType: "application/jsonl",
    buffer: Buffer.from(lines.join("\n")),
  });

  await expect(count(page, "Errors")).toHaveText("2");
  const errors = page.getByTestId("line-error");
  await expect(errors).toHaveCount(2);
  await expect(errors.nth(0)).toContainText("line 2");
  await expect(errors.nth(0)).toContainText(/invalid JSON/i);
  await expect(errors.nth(1)).toContainText("line 4");
  await expect(errors.nth(1)).toContainText(/instruction/i);
  const importButton = page.getByRole("button", { name: "Import 3 seeds" });
  await expect(importButton).toBeDisabled();

  await page.goto(project.url);
  await expect(page.locator('[data-stat="Seeds"]')).toHaveText("0");
  await expect(page.locator('[data-stat="Imports"]')).toHaveText("0");

  await page.getByRole("link", { name: "Import seeds" }).click();
  await previewFile(page, {
    name: "two-bad-lines.jsonl",
    mimeType: "application/jsonl",
    buffer: Buffer.from(lines.join("\n")),
  });
  await page.getByLabel(/Skip the 2 bad record/).check();
  await page.getByRole("button", { name: "Import 3 seeds" }).click();
  await expect(page.getByTestId("import-summary")).toHaveText("Imported 3 seeds. Skipped 2 bad record(s).");
  await page.goto(project.url);
  await expect(page.locator('[data-stat="Seeds"]')).toHaveText("3");
});

test("pasted plain text imports one instruction per line", async ({ page }) => {
  await signIn(page, ADMIN);
  await createProject(page);
  await page.getByRole("link", { name: "Import seeds" }).click();
  await page.getByRole("tab", { name: "Paste text" }).click();
  await page.getByLabel("Seed text").fill("Name three uses of graphene.\n\nWrite a limerick about a cat who codes.\n");
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByTestId("import-preview")).toContainText("Plain text");
  await expect(count(page, "New seeds")).toHaveText("2");
  await page.getByRole("button", { name: "Import 2 seeds" }).click();
  await expect(page.getByTestId("import-summary")).toHaveText("Imported 2 seeds.");
});

import { expect, type Page } from "@playwright/test";
import { uniqueName } from "./accounts";

/** A new project holding `seeds` (pasted, one per line), made through the UI as an admin; returns its URL. */
export async function projectWithPastedSeeds(page: Page, seeds: string[], prefix = "Project") {
  const name = uniqueName(prefix);
  await page.goto("/projects");
  await page.getByRole("textbox", { name: "Name" }).fill(name);
  await page.getByRole("button", { name: "Create project" }).click();
  await expect(page.getByTestId("project-name")).toHaveText(name);
  const projectUrl = page.url();
  await page.getByRole("link", { name: "Import seeds" }).click();
  await page.getByRole("tab", { name: "Paste text" }).click();
  await page.getByLabel("Seed text").fill(seeds.join("\n"));
  await page.getByRole("button", { name: "Preview" }).click();
  await page.getByRole("button", { name: `Import ${seeds.length} seeds` }).click();
  await expect(page.getByTestId("import-summary")).toHaveText(`Imported ${seeds.length} seeds.`);
  return projectUrl;
}

/** Such a project after one finished simulator run of `rounds` rounds (with difficulty scored when asked). */
export async function evolvedProject(
  page: Page,
  seeds: string[],
  rounds = 2,
  options: { scoreDifficulty?: boolean } = {},
) {
  const projectUrl = await projectWithPastedSeeds(page, seeds, "Review");
  await page.goto(projectUrl);
  await page.getByRole("link", { name: "Start a run" }).click();
  await page.getByLabel("Rounds (M)").fill(String(rounds));
  if (options.scoreDifficulty) await page.getByLabel("Score difficulty (1–10)").check();
  await page.getByRole("button", { name: "Start run" }).click();
  await expect(page.getByTestId("run-status")).toHaveText("completed", { timeout: 45_000 });
  return projectUrl;
}

import { expect, type Page } from "@playwright/test";
import { uniqueName } from "./accounts";

/** A project with seeds (pasted) and one finished simulator run of `rounds` rounds, made through the UI as an admin. */
export async function evolvedProject(page: Page, seeds: string[], rounds = 2) {
  const name = uniqueName("Review");
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
  await expect(page.getByTestId("import-summary")).toBeVisible();
  await page.goto(projectUrl);
  await page.getByRole("link", { name: "Start a run" }).click();
  await page.getByLabel("Rounds (M)").fill(String(rounds));
  await page.getByRole("button", { name: "Start run" }).click();
  await expect(page.getByTestId("run-status")).toHaveText("completed", { timeout: 45_000 });
  return projectUrl;
}

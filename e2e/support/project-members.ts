import { expect, type Page } from "@playwright/test";

/** An admin adds the annotator with this email to the project, in its settings (annotators reach only their projects). */
export async function addToProject(page: Page, projectUrl: string, email: string) {
  await page.goto(`${projectUrl}/settings`);
  const choice = page.getByLabel("Annotator to add").locator("option", { hasText: `(${email})` });
  await page.getByLabel("Annotator to add").selectOption((await choice.getAttribute("value"))!);
  await page.getByRole("button", { name: "Add to project" }).click();
  await expect(page.getByTestId("member-row").filter({ hasText: email })).toBeVisible();
}

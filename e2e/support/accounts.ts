import { expect, type Page } from "@playwright/test";

export const ADMIN = { email: "admin@e2e.test", password: "e2e-admin-password" };

export async function signIn(page: Page, account: { email: string; password: string }) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("current-user")).toHaveText(account.email);
}

export function uniqueName(prefix: string) {
  return `${prefix} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

/**
 * Creates an annotator on the Users page (as the signed-in admin of `page`)
 * and adds them to each project given by its URL in project settings.
 */
export async function createAnnotator(
  page: Page,
  account: { email: string; password: string; name?: string },
  projectUrls: string[] = [],
) {
  await page.goto("/admin/users");
  await page.getByLabel("Email").fill(account.email);
  await page.getByRole("textbox", { name: "Name", exact: true }).fill(account.name ?? account.email);
  await page.getByLabel("Initial password").fill(account.password);
  await page.getByRole("button", { name: "Create annotator" }).click();
  await expect(page.getByRole("status")).toContainText(`Created ${account.email}`);
  for (const url of projectUrls) await addMember(page, url, account.email);
}

/** Adds an existing annotator to a project in its settings. */
export async function addMember(page: Page, projectUrl: string, email: string) {
  await page.goto(`${projectUrl}/settings`);
  const select = page.getByLabel("Annotator to add");
  const value = await select.locator("option", { hasText: `(${email})` }).getAttribute("value");
  await select.selectOption(value!);
  await page.getByRole("button", { name: "Add to project" }).click();
  await expect(page.getByTestId("member-row").filter({ hasText: email })).toBeVisible();
}

import { expect, test } from "./support/test";
import { addMember, ADMIN, signIn, uniqueName } from "./support/accounts";

test("a wrong password is refused with a message", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.locator("form").getByRole("alert")).toContainText(/invalid/i);
  await expect(page).toHaveURL(/\/sign-in$/);
});

test("signed-out visitors are sent to sign in", async ({ page }) => {
  await page.goto("/admin/users");
  await expect(page).toHaveURL(/\/sign-in$/);
});

test("an admin creates an annotator, who can browse projects but is refused the admin pages, and can be disabled", async ({
  page,
  browser,
}) => {
  await signIn(page, ADMIN);
  const projectName = uniqueName("Roles");
  await page.getByRole("textbox", { name: "Name" }).fill(projectName);
  await page.getByRole("button", { name: "Create project" }).click();
  await expect(page.getByTestId("project-name")).toHaveText(projectName);
  const projectUrl = page.url();

  const annotator = { email: `ann-${Date.now()}@e2e.test`, password: "annotator-password" };
  await page.getByRole("link", { name: "Users" }).click();
  await page.getByLabel("Email").fill(annotator.email);
  await page.getByRole("textbox", { name: "Name", exact: true }).fill("Ann Otator");
  await page.getByLabel("Initial password").fill(annotator.password);
  await page.getByRole("button", { name: "Create annotator" }).click();
  await expect(page.getByRole("status")).toContainText(`Created ${annotator.email}`);
  const row = page.locator(`[data-testid="user-row"][data-email="${annotator.email}"]`);
  await expect(row).toContainText("annotator");
  await expect(row).toContainText("active");
  await addMember(page, projectUrl, annotator.email);
  await page.getByRole("link", { name: "Users" }).click();

  const context = await browser.newContext();
  const annotatorPage = await context.newPage();
  await signIn(annotatorPage, annotator);
  await expect(annotatorPage.getByRole("heading", { name: "New project" })).toHaveCount(0);
  await expect(annotatorPage.getByRole("link", { name: "Users" })).toHaveCount(0);
  await annotatorPage.goto(projectUrl);
  await expect(annotatorPage.getByTestId("project-name")).toHaveText(projectName);
  await expect(annotatorPage.getByRole("link", { name: "Import seeds" })).toHaveCount(0);
  for (const path of ["/admin/users", `${new URL(projectUrl).pathname}/seeds/import`]) {
    const response = await annotatorPage.goto(path);
    expect(response?.status()).toBe(403);
    await expect(annotatorPage.getByRole("heading", { name: "Admins only" })).toBeVisible();
  }

  await row.getByRole("button", { name: "Disable" }).click();
  await expect(row).toContainText("disabled");
  await annotatorPage.goto("/projects");
  await expect(annotatorPage).toHaveURL(/\/sign-in$/);
  await annotatorPage.getByLabel("Email").fill(annotator.email);
  await annotatorPage.getByLabel("Password").fill(annotator.password);
  await annotatorPage.getByRole("button", { name: "Sign in" }).click();
  await expect(annotatorPage.locator("form").getByRole("alert")).toContainText("disabled");
  await context.close();
});

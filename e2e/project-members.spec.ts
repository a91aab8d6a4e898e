import { expect, test } from "./support/test";
import { ADMIN, createAnnotator, signIn } from "./support/accounts";
import { projectWithPastedSeeds } from "./support/evolved-project";

test("an admin adds an annotator to one project; the annotator sees only that project, until removed", async ({
  page,
  browser,
}) => {
  await signIn(page, ADMIN);
  const projectName = async (url: string) => {
    await page.goto(url);
    return (await page.getByTestId("project-name").textContent())!;
  };
  const shared = await projectWithPastedSeeds(page, ["Name three rivers in Africa."], "Shared");
  const sharedName = await projectName(shared);
  const hidden = await projectWithPastedSeeds(page, ["Name three deserts in Asia."], "Hidden");
  const hiddenName = await projectName(hidden);
  const annotator = { email: `member-${Date.now()}@e2e.test`, password: "annotator-password", name: "Mem Ber" };
  await createAnnotator(page, annotator, [shared]);
  await expect(page.getByTestId("member-row")).toHaveCount(1);

  const context = await browser.newContext();
  const annotatorPage = await context.newPage();
  await signIn(annotatorPage, annotator);
  const rows = annotatorPage.getByTestId("project-row");
  await expect(rows).toHaveCount(1);
  await expect(rows).toContainText(sharedName);
  await expect(annotatorPage.getByText(hiddenName)).toHaveCount(0);

  // Another project's pages answer as if it did not exist, and say nothing of its name.
  for (const path of ["", "/review", "/dashboard", "/agreement"]) {
    const response = await annotatorPage.goto(`${hidden}${path}`);
    expect(response?.status(), path).toBe(404);
    expect(await annotatorPage.title()).not.toContain(hiddenName);
    await expect(annotatorPage.getByText(hiddenName)).toHaveCount(0);
  }
  // Nor can the annotator reach its settings, which are for admins.
  expect((await annotatorPage.goto(`${shared}/settings`))?.status()).toBe(403);
  await annotatorPage.goto(shared);
  await expect(annotatorPage.getByTestId("project-name")).toHaveText(sharedName);
  await expect(annotatorPage.getByRole("link", { name: "Settings" })).toHaveCount(0);

  await page.goto(`${shared}/settings`);
  await page.getByRole("button", { name: `Remove ${annotator.email}` }).click();
  await expect(page.getByTestId("no-members")).toBeVisible();
  expect((await annotatorPage.goto(shared))?.status()).toBe(404);
  await annotatorPage.goto("/projects");
  await expect(annotatorPage.getByTestId("project-row")).toHaveCount(0);
  await expect(annotatorPage.getByText("No project is shared with you yet")).toBeVisible();
  await context.close();
});

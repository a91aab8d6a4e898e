import type { Browser, Page } from "@playwright/test";
import { ADMIN, createAnnotator, signIn, uniqueName } from "./support/accounts";
import { projectWithPastedSeeds } from "./support/evolved-project";
import { expect, test } from "./support/test";

/** A new annotator, created on the Users page and added to the project in its settings. */
async function annotatorOf(page: Page, projectUrl: string) {
  const account = { email: `limits-${Date.now()}@e2e.test`, password: "annotator-password", name: uniqueName("Ann") };
  await createAnnotator(page, account, [projectUrl]);
  return account;
}

async function signedInPage(browser: Browser, account: { email: string; password: string }) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, account);
  return page;
}

test("an annotator is offered new siblings and large bulk actions only as the project's review limits allow", async ({
  page,
  browser,
}) => {
  test.setTimeout(150_000);
  await signIn(page, ADMIN);
  // 205 seeds (more than the default bulk limit of 200), two of them evolved once.
  const seeds = Array.from({ length: 205 }, (_, i) => `Limits seed ${i + 1}: explain one idea about tides.`);
  const projectUrl = await projectWithPastedSeeds(page, seeds, "Limits");
  await page.goto(projectUrl);
  await page.getByRole("link", { name: "Start a run" }).click();
  await page.getByLabel("At most this many seeds (optional)").fill("2");
  await page.getByLabel("Rounds (M)").fill("1");
  await page.getByRole("button", { name: "Start run" }).click();
  await expect(page.getByTestId("run-status")).toHaveText("completed", { timeout: 45_000 });
  const annotator = await annotatorOf(page, projectUrl);
  const ann = await signedInPage(browser, annotator);

  await test.step("default settings: no New sibling, no bulk action over 200 nodes", async () => {
    await ann.goto(`${projectUrl}/review?seeds=1`);
    await expect(ann.getByTestId("queue-count")).toHaveText("207 nodes match");
    await expect(ann.getByRole("button", { name: "Reject all matching…" })).toBeDisabled();
    await expect(ann.getByRole("button", { name: "Accept all matching…" })).toBeDisabled();
    await expect(ann.getByTestId("bulk-over-limit")).toHaveText(
      "Bulk decisions over more than 200 nodes are for admins in this project.",
    );
    // Within the limit the bulk action is there.
    await ann.goto(`${projectUrl}/review`);
    await expect(ann.getByTestId("queue-count")).toHaveText("2 nodes match");
    await expect(ann.getByRole("button", { name: "Reject all matching…" })).toBeEnabled();

    await ann.getByTestId("queue-item").first().getByRole("link").click();
    await expect(ann.getByTestId("node-view")).toBeVisible();
    await expect(ann.getByTestId("review-bar").getByRole("button", { name: /New sibling/ })).toHaveCount(0);
    await ann.keyboard.press("s");
    await expect(ann.getByTestId("redo-panel")).toHaveCount(0);
  });

  await test.step("an admin allows new siblings, two a day", async () => {
    await page.goto(`${projectUrl}/settings`);
    await page.getByLabel("Annotators may start new siblings").check();
    await page.getByLabel("New siblings per annotator").fill("2");
    await page.getByRole("button", { name: "Save review limits" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Review limits saved." })).toBeVisible();
  });

  await test.step("the annotator redoes a node and sees the quota go down", async () => {
    await ann.reload();
    const panel = ann.getByTestId("redo-panel");
    // The key does nothing until the reloaded page is hydrated: press it until the panel opens (it only opens).
    await expect(async () => {
      await ann.keyboard.press("s");
      await expect(panel).toBeVisible({ timeout: 1_000 });
    }).toPass();
    await expect(panel.getByTestId("redo-quota")).toHaveText("You have 2 of 2 left in this project (per 24 hours).");
    await panel.getByRole("button", { name: "Re-answer" }).click();
    await expect(panel.getByRole("status")).toContainText("Answering this instruction again");
    await expect(panel.getByTestId("redo-quota")).toHaveText("You have 1 of 2 left in this project (per 24 hours).");
    // The run it started says whose decision it was.
    await page.goto(projectUrl);
    await expect(page.getByTestId("run-started-by").first()).toHaveText(
      `started by ${annotator.name} (${annotator.email})`,
    );
  });
  await ann.context().close();
});

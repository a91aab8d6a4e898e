import { decisionsSaved } from "./support/decisions";
import { expect, test } from "./support/test";
import { ADMIN, signIn, uniqueName } from "./support/accounts";
import { projectWithPastedSeeds } from "./support/evolved-project";

test("an admin asks the optimizer to revise a method from a rejected evolution, sees the diff, and accepts it as v2", async ({
  page,
}) => {
  await signIn(page, ADMIN);
  const projectUrl = await projectWithPastedSeeds(page, ["Explain how glaciers move."], "Refine");
  const name = uniqueName("refine")
    .toLowerCase()
    .replace(/[^a-z0-9-]/g, "-");

  await page.goto("/admin/methods");
  await page.getByLabel("Name of a copy of paper").fill(name);
  await page.getByLabel("Name of a copy of paper").locator("..").getByRole("button", { name: "Copy" }).click();
  await expect(page.getByTestId("method-title")).toHaveText(`${name} v1`);
  const methodUrl = page.url();
  await expect(page.getByTestId("revision-totals")).toContainText("nothing to learn from");
  await expect(page.getByRole("button", { name: "Suggest a revision" })).toBeDisabled();

  // One in-depth evolution made with v1 (adding constraints only), rejected by a reviewer.
  await page.goto(projectUrl);
  await page.getByRole("link", { name: "Start a run" }).click();
  await page.getByTestId("run-method").selectOption(name);
  await page.getByLabel("Rounds (M)").fill("1");
  for (const op of ["Deepen", "Concretize", "Increase reasoning", "Complicate input", "In-breadth"])
    await page.getByLabel(`Weight of ${op}`).fill("0");
  await page.getByRole("button", { name: "Start run" }).click();
  await expect(page.getByTestId("run-status")).toHaveText("completed", { timeout: 45_000 });
  await page.goto(`${projectUrl}/review`);
  await page.getByTestId("queue-item").first().getByRole("link").click();
  await expect(page.getByTestId("node-view")).toBeVisible();
  await page
    .getByTestId("review-bar")
    .getByRole("button", { name: /^Reject/ })
    .click();
  await page.getByLabel("Note").fill("The added constraint cannot be checked");
  await page.getByRole("button", { name: "Reject", exact: true }).click();
  await decisionsSaved(page);
  await page.goto(`${projectUrl}/review?status=rejected`);
  await expect(page.getByTestId("queue-count")).toHaveText("1 nodes match");

  await page.goto(methodUrl);
  await expect(page.getByTestId("revision-totals")).toContainText("Add constraints 0 eliminated, 1 rejected");
  await page.getByRole("button", { name: "Suggest a revision" }).click();
  const section = page.getByTestId("revision-add_constraints");
  await expect(section.getByTestId("word-diff").locator("ins")).toContainText("would satisfy a careful human reviewer");
  await expect(section.getByTestId("revision-case")).toContainText("The added constraint cannot be checked");
  await expect(page.getByTestId("revision-deepen")).toHaveCount(0);

  await page.getByRole("button", { name: "Accept as version 2" }).click();
  await expect(page.getByTestId("method-title")).toHaveText(`${name} v2`);
  await expect(page.getByTestId("method-field-operationMethods.add_constraints")).toHaveValue(
    /Make sure the rewrite would satisfy a careful human reviewer\.$/,
  );
  await page.goto("/admin/methods");
  await expect(
    page
      .getByTestId("method-versions")
      .filter({ hasText: "Revised by the optimizer (sim-optimizer) from 1 failure of v1." }),
  ).toContainText("v2");
});

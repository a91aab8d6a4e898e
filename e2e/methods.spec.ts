import { expect, test } from "./support/test";
import { ADMIN, signIn, uniqueName } from "./support/accounts";
import { projectWithPastedSeeds } from "./support/evolved-project";

test("an admin copies paper, edits a sentence, sees the prompt change, saves v2 and starts a run with it", async ({
  page,
}) => {
  await signIn(page, ADMIN);
  const projectUrl = await projectWithPastedSeeds(
    page,
    ["Explain how tides work.", "Sort a list of words."],
    "Methods",
  );
  const name = uniqueName("mine")
    .toLowerCase()
    .replace(/[^a-z0-9-]/g, "-");

  await page.goto("/admin/methods");
  await page.getByLabel("Name of a copy of paper").fill(name);
  await page.getByLabel("Name of a copy of paper").locator("..").getByRole("button", { name: "Copy" }).click();
  await expect(page.getByTestId("method-title")).toHaveText(`${name} v1`);

  const sentence = "Add exactly one unusual, checkable constraint to it.";
  await expect(page.getByTestId("preview-evolve")).toContainText("Add one more constraint or requirement to it.");
  await page.getByTestId("method-field-operationMethods.add_constraints").fill(sentence);
  await expect(page.getByTestId("preview-evolve")).toContainText(`How to make it harder: ${sentence}`);
  await expect(page.getByTestId("preview-evolve")).toContainText("#Rewritten Prompt#:");
  await page.getByLabel("What changed (saved with the version)").fill("A stricter constraint sentence");
  await page.getByRole("button", { name: "Save as version 2" }).click();
  await expect(page.getByTestId("method-title")).toHaveText(`${name} v2`);

  await page.goto("/admin/methods");
  await expect(page.getByText("A stricter constraint sentence")).toBeVisible();

  await page.goto(projectUrl);
  await page.getByRole("link", { name: "Start a run" }).click();
  await page.getByTestId("run-method").selectOption(name);
  await page.getByTestId("run-method-version").selectOption("2");
  await page.getByLabel("Run name (optional)").fill("own method run");
  await page.getByLabel("Rounds (M)").fill("1");
  await page.getByRole("button", { name: "Start run" }).click();
  await expect(page.getByRole("heading", { name: "own method run" })).toBeVisible();
  await expect(page.getByTestId("run-status")).toHaveText("completed", { timeout: 45_000 });

  await page.goto("/admin/methods");
  await expect(page.getByTestId("method-versions").filter({ hasText: "A stricter constraint sentence" })).toContainText(
    "1 run",
  );
});

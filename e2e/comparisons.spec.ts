import { ADMIN, signIn } from "./support/accounts";
import { projectWithPastedSeeds } from "./support/evolved-project";
import { expect, test } from "./support/test";

const topics = ["tides", "compilers", "bread", "volcanoes", "jazz", "sleep", "bridges", "bees", "chess", "glass"];

test("an admin compares paper with code on one seed sample and reads the figures side by side", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, ADMIN);
  const projectUrl = await projectWithPastedSeeds(
    page,
    topics.map((t, i) => `Explain how ${t} work, part ${i + 1}.`),
    "Compare",
  );
  await page.goto(projectUrl);
  await page.getByRole("link", { name: "Compare methods" }).click();
  await expect(page.getByRole("heading", { name: "Compare methods" })).toBeVisible();
  await page.getByLabel("Run name (optional)").fill("paper vs code");
  await page.getByLabel("At most this many seeds (optional)").fill("6");
  await page.getByLabel("Rounds (M)").fill("2");
  await expect(page.getByTestId("compare-a-method")).toHaveValue("paper");
  await expect(page.getByTestId("compare-b-method")).toHaveValue("code");
  await page.getByRole("button", { name: "Start comparison" }).click();

  await expect(page.getByTestId("comparison-name")).toHaveText("paper vs code: paper v1 against code v1");
  await expect(page.getByText("6 seeds drawn once")).toBeVisible();
  await expect(page.getByTestId("comparison-legend")).toContainText("only where the two intervals do not overlap");
  // Figures are as of the page's load: reload until both runs are done.
  await expect(async () => {
    await page.reload();
    await expect(page.getByText("completed", { exact: true })).toHaveCount(2);
  }).toPass({ timeout: 60_000 });

  const all = page.getByTestId("comparison-group-all");
  await expect(all.getByRole("heading", { name: "All rounds" })).toBeVisible();
  // Six seeds, two rounds, one branch: each run made twelve nodes (eliminated ones too).
  await expect(all.getByRole("row", { name: /^Nodes/ })).toHaveText(/Nodes\s*12\s*12/);
  await expect(all.getByRole("row", { name: /^Passed the eliminator/ })).toHaveText(
    /\d+(\.\d)? % \(\d+(\.\d)? %–\d+(\.\d)? %\) \d+\/12.*\d+(\.\d)? % \(.*\) \d+\/12/,
  );
  for (const group of ["round:1", "round:2", "operation:deepen", "operation:breadth"])
    await expect(page.getByTestId(`comparison-group-${group}`)).toBeVisible();

  await page.getByRole("link", { name: /←/ }).click();
  await expect(page.getByRole("link", { name: "paper vs code", exact: true })).toBeVisible();
});

import { expect, test } from "./support/test";
import { ADMIN, signIn } from "./support/accounts";
import { evolvedProject } from "./support/evolved-project";

test("a node is re-evolved and re-answered as new siblings, and stays as it was", async ({ page }) => {
  await signIn(page, ADMIN);
  const projectUrl = await evolvedProject(page, ["Explain how vaccines train the immune system."], 1);
  await page.goto(projectUrl);
  await page.getByTestId("seed-row").first().getByRole("link").click();
  await expect(page.getByTestId("tree-node")).toHaveCount(2);
  await page.keyboard.press("ArrowRight");
  const selected = page.locator('[data-testid="tree-node"][aria-selected="true"]');
  await expect(selected).toContainText("R1");
  const original = (await page.getByTestId("node-view").textContent()) ?? "";

  await page.keyboard.press("s");
  const panel = page.getByTestId("redo-panel");
  await panel.getByRole("button", { name: "Re-evolve" }).click();
  await expect(panel.getByRole("status")).toContainText("the new sibling appears in the lineage");
  await panel.getByRole("button", { name: "Re-answer" }).click();
  await expect(panel.getByRole("status")).toContainText("Answering this instruction again");

  // Both one-step runs finish on the in-process worker; the tree then holds the seed and three siblings.
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("tree-node")).toHaveCount(4, { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await expect(page.getByTestId("node-view")).toHaveText(original);

  const made: string[] = [];
  for (const index of [2, 3]) {
    const row = page.getByTestId("tree-node").nth(index);
    const id = await row.getAttribute("data-node-id");
    await row.click();
    await expect(page.getByTestId("node-view")).toHaveAttribute("data-node-id", id!);
    made.push(await page.getByTestId("redo-of").innerText());
  }
  expect(made.sort()).toEqual(["Re-answer of a sibling", "Re-evolution of a sibling"]);
});

// "Accept and move on": the next node shows at once and the decision is confirmed in the background. What the
// reviewer sees afterwards must be what the server has: the new status on a node decided that way, and a failed
// decision rolled back in plain sight.
import { connectE2eDatabase } from "./support/database";
import { decisionsSaved } from "./support/decisions";
import { expect, test } from "./support/test";
import { ADMIN, signIn } from "./support/accounts";
import { projectWithPastedSeeds } from "./support/evolved-project";

const seeds = [
  "Explain how tides follow the moon.",
  "Describe how a lock lifts a boat.",
  "Compare two ways to brew coffee.",
];

async function reviewOneByOne(page: import("@playwright/test").Page) {
  await signIn(page, ADMIN);
  const projectUrl = await projectWithPastedSeeds(page, seeds, "Background");
  await page.goto(`${projectUrl}/review?seeds=1&sort=oldest`);
  await expect(page.getByTestId("queue-count")).toHaveText("3 nodes match");
  await page.getByRole("link", { name: "Review these one by one →" }).click();
  const view = page.getByTestId("node-view");
  await expect(view).toContainText(seeds[0]!);
  return view;
}

test("going back to a node accepted in the background shows it accepted", async ({ page }) => {
  const view = await reviewOneByOne(page);
  const first = await view.getAttribute("data-node-id");
  await expect(view.getByTestId("human-status")).toHaveAttribute("data-status", "unreviewed");
  // Let the next node's full prefetch land, as when someone reads before deciding.
  await page.waitForTimeout(500);

  await page.keyboard.press("a");
  await expect(view).toContainText(seeds[1]!);
  await decisionsSaved(page);
  // Back to it: the page of this node in the browser (visited, then prefetched as the previous node) was read
  // before the decision was saved; the status shown must be the new one all the same.
  await page.keyboard.press("k");
  await expect(view).toHaveAttribute("data-node-id", first!);
  await expect(view.getByTestId("human-status")).toHaveAttribute("data-status", "accepted");
  await expect(view.getByTestId("human-status")).toHaveText("accepted");
  await expect(page.getByTestId("review-bar")).toContainText("You accepted this node; it is saved.");
  // And as the server has it, after a full load.
  await page.reload();
  await expect(view.getByTestId("human-status")).toHaveAttribute("data-status", "accepted");
  // The node moved on to was not decided.
  await page.keyboard.press("j");
  await expect(view).toContainText(seeds[1]!);
  await expect(view.getByTestId("human-status")).toHaveAttribute("data-status", "unreviewed");
});

test("a decision that fails in the background is rolled back in plain sight", async ({ page }) => {
  const view = await reviewOneByOne(page);
  const first = await view.getAttribute("data-node-id");
  const db = await connectE2eDatabase();
  try {
    // Someone deletes the node while it is on screen.
    await db.query("DELETE FROM nodes WHERE id = $1", [first]);
  } finally {
    await db.end();
  }

  await page.keyboard.press("a");
  // The next node shows at once; the failure comes back as a notice there, naming the node and why.
  await expect(view).toContainText(seeds[1]!);
  const notice = page.getByTestId("decision-notice");
  await expect(notice).toContainText(`Your accept of “${seeds[0]}” did not go through: That node no longer exists.`);
  await expect(notice).toContainText("The node is unchanged.");
  await expect(page.getByTestId("decisions-saving")).toHaveCount(0);
  // Nothing is recorded as saved: the node on screen and the bar say nothing was decided.
  await expect(view.getByTestId("human-status")).toHaveAttribute("data-status", "unreviewed");
  await expect(page.getByTestId("review-bar")).not.toContainText("it is saved");
  // The notice stays until dismissed, also on the next node.
  await page.keyboard.press("j");
  await expect(view).toContainText(seeds[2]!);
  await expect(notice).toBeVisible();
  await notice.getByRole("button", { name: "Dismiss" }).click();
  await expect(notice).toHaveCount(0);
});

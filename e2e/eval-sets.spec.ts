import { readFile } from "node:fs/promises";
import { expect, test } from "./support/test";
import { ADMIN, signIn } from "./support/accounts";
import { evolvedProject } from "./support/evolved-project";

const seeds = [
  "Explain how tides work.",
  "Describe a good password policy.",
  "Summarise the plot of Hamlet in three sentences.",
  "Write a limerick about a cat who codes.",
  "Compare bubble sort and merge sort.",
  "Explain what inflation does to savings.",
];

test("an admin builds a held-out evaluation set from scored, accepted nodes and exports it as a test set", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await signIn(page, ADMIN);
  const projectUrl = await evolvedProject(page, seeds, 1, { scoreDifficulty: true });

  // Accept every evolved node, through the review queue's bulk accept.
  await page.goto(`${projectUrl}/review?status=unreviewed`);
  await page.getByRole("button", { name: "Accept all matching…" }).click();
  const accepted = Number(await page.getByTestId("bulk-count").textContent());
  expect(accepted).toBeGreaterThan(0);
  await page.getByRole("button", { name: `Accept ${accepted}`, exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: `Accepted ${accepted} node(s).` })).toBeVisible();

  await page.goto(projectUrl);
  await page.getByRole("link", { name: "Evaluation sets" }).click();
  await expect(page.getByRole("heading", { name: "Evaluation sets" })).toBeVisible();
  // Every evolved node was scored by the run, so each is counted in one difficulty bucket.
  const totals = (await page.getByTestId("eval-available-total").allTextContents()).map(Number);
  expect(totals).toHaveLength(3);
  const available = totals.reduce((a, b) => a + b, 0);
  expect(available).toBeGreaterThan(0);

  // Ask for one more hard node than there is: the set takes what there is and says so.
  await page.getByLabel("Name").fill("held-out test");
  await page.getByLabel("Easy (1–3)").fill(String(totals[0]));
  await page.getByLabel("Medium (4–6)").fill(String(totals[1]));
  await page.getByLabel("Hard (7–10)").fill(String(totals[2] + 1));
  await page.getByLabel("Random seed").fill("e2e");
  await page.getByRole("button", { name: "Build evaluation set" }).click();
  await expect(
    page.getByRole("status").filter({ hasText: `Drew ${available} nodes (seed e2e); 1 fewer` }),
  ).toBeVisible();
  const set = page.getByTestId("eval-set").filter({ hasText: "held-out test" });
  await expect(set.getByTestId("eval-set-count")).toHaveText(`${available} nodes`);
  await expect(set).toContainText("held out");
  await expect(set.getByTestId("eval-set-hard")).toContainText(`${totals[2]} of ${totals[2] + 1} asked (1 short)`);

  // A second set of the same name is refused.
  await page.getByLabel("Name").fill("held-out test");
  await page.getByLabel("Easy (1–3)").fill("1");
  await page.getByRole("button", { name: "Build evaluation set" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "already has an evaluation set named" })).toBeVisible();

  // Export the set: exactly its nodes, whatever the training filters would say.
  await set.getByRole("link", { name: "Export" }).click();
  await expect(page.getByRole("heading", { name: "Export the dataset" })).toBeVisible();
  await expect(page.getByLabel("Evaluation set")).toHaveValue(new URL(page.url()).searchParams.get("evalSet")!);
  await expect(page.getByTestId("export-count")).toHaveText(String(available));
  await page.getByRole("button", { name: "Export", exact: true }).click();
  await expect(page.getByTestId("export-status")).toHaveText("done", { timeout: 20_000 });
  const downloadPromise = page.waitForEvent("download");
  await page
    .getByTestId("export-progress")
    .getByRole("link", { name: /^Download .*\.jsonl$/ })
    .click();
  const lines = (await readFile((await (await downloadPromise).path())!, "utf8"))
    .trimEnd()
    .split("\n")
    .map((l) => JSON.parse(l) as { id: string; round: number; human_status: string; difficulty: number | null });
  expect(lines).toHaveLength(available);
  expect(new Set(lines.map((l) => l.id)).size).toBe(available);
  for (const line of lines) {
    expect(line).toMatchObject({ round: 1, human_status: "accepted" });
    expect(line.difficulty).toBeGreaterThanOrEqual(1);
  }

  // The history says which set the export was.
  await page.reload();
  await expect(page.getByTestId("export-row").first()).toContainText("evaluation set held-out test");

  // A training export leaves the held-out nodes out (on by default), and says how many.
  await page.goto(`${projectUrl}/export`);
  await page.getByLabel("Include seeds (round 0)").uncheck();
  await expect(page.getByTestId("export-held-out")).toHaveText(`; ${available} held out for evaluation left out`);
  const training = Number(await page.getByTestId("export-count").textContent());
  await page.getByLabel("Leave out nodes held out for evaluation (1 set)").uncheck();
  await expect(page.getByTestId("export-count")).toHaveText(String(training + available));
  await expect(page.getByTestId("export-held-out")).toHaveCount(0);

  // Deleting the set gives its nodes back to training exports.
  await page.goto(`${projectUrl}/eval-sets`);
  page.once("dialog", (dialog) => void dialog.accept());
  await set.getByRole("button", { name: "Delete" }).click();
  await expect(page.getByTestId("eval-set")).toHaveCount(0);
});

import { expect, test } from "./support/test";
import { ADMIN, signIn } from "./support/accounts";
import { connectE2eDatabase } from "./support/database";
import { projectWithPastedSeeds } from "./support/evolved-project";

test("a stalled run says why its steps failed, and Retry failed steps lets it complete", async ({ page }) => {
  await signIn(page, ADMIN);
  const projectUrl = await projectWithPastedSeeds(page, ["Explain tides.", "Describe rain.", "Name a prime."]);
  await page.goto(projectUrl);
  await page.getByRole("link", { name: "Start a run" }).click();
  await page.getByLabel("Rounds (M)").fill("1");
  await page.getByRole("button", { name: "Start run" }).click();
  await expect(page.getByTestId("run-status")).toHaveText("completed", { timeout: 45_000 });
  const runId = page.url().split("/runs/")[1];

  // Stage what a worker without the run's endpoint leaves: every step failed on the worker, the run stalled.
  const reason = "The worker has no endpoint for this run (openai): set OPENAI_API_KEY";
  const db = await connectE2eDatabase();
  try {
    await db.query(
      `UPDATE run_steps SET status = 'failed', error_kind = 'worker', error = $2, passed = false WHERE run_id = $1`,
      [runId, reason],
    );
    await db.query(`UPDATE runs SET status = 'stalled', finished_at = NULL WHERE id = $1`, [runId]);
  } finally {
    await db.end();
  }

  await page.reload();
  await expect(page.getByTestId("run-status")).toHaveText("stalled");
  const notice = page.getByTestId("run-stalled");
  await expect(notice).toContainText("Stalled: 3 steps failed on the worker because:");
  await expect(notice).toContainText(`${reason} (3)`);
  await notice.getByRole("button", { name: "Retry failed steps" }).click();
  await expect(page.getByTestId("run-status")).toHaveText("completed", { timeout: 30_000 });
  await expect(page.getByTestId("run-stalled")).toHaveCount(0);
});

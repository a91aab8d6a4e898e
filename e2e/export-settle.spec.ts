import { expect, test } from "./support/test";
import { ADMIN, signIn } from "./support/accounts";
import { connectE2eDatabase } from "./support/database";
import { projectWithPastedSeeds } from "./support/evolved-project";

test("an export whose process died shows as failed with its reason and a Retry button; the retry completes", async ({
  page,
}) => {
  await signIn(page, ADMIN);
  // With answers: no format exports a node without one.
  const projectUrl = await projectWithPastedSeeds(
    page,
    [
      { instruction: "Explain tides.", output: "The moon pulls the sea." },
      { instruction: "Describe rain.", output: "Water falling from clouds." },
      { instruction: "Name a prime.", output: "7" },
    ].map((row) => JSON.stringify(row)),
  );
  await page.goto(`${projectUrl}/export`);
  await page.getByLabel("Everything (with its statuses)").check();
  await expect(page.getByTestId("export-count")).toHaveText("3");
  await page.getByRole("button", { name: "Export", exact: true }).click();
  await expect(page.getByTestId("export-status")).toHaveText("done", { timeout: 20_000 });
  await expect(page.getByTestId("export-disk-usage")).not.toHaveText("0 B");

  // Stage what a killed worker leaves: the export still "running", its beat long stopped, its job gone.
  await page.reload();
  const row = page.getByTestId("export-row").first();
  const exportId = (await row.getAttribute("data-export-id"))!;
  const db = await connectE2eDatabase();
  try {
    await db.query(
      `UPDATE exports SET status = 'running', attempts = 3, finished_at = NULL, sha256 = NULL,
         heartbeat_at = now() - interval '10 minutes' WHERE id = $1`,
      [exportId],
    );
  } finally {
    await db.end();
  }

  // The worker's reaper (every 2 s in these tests) fails it; the list refreshes by itself.
  await page.reload();
  await expect(row.getByTestId("export-error")).toContainText("stopped during each of its 3 attempts", {
    timeout: 20_000,
  });
  await expect(row.getByRole("link", { name: /^Download/ })).toHaveCount(0);
  await row.getByRole("button", { name: "Retry" }).click();
  await expect(row.getByRole("link", { name: /^Download/ })).toBeVisible({ timeout: 20_000 });
  await expect(row).toContainText("3"); // records written again
  await expect(row.getByTestId("export-error")).toHaveCount(0);
});

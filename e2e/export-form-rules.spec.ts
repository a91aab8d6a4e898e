import { expect, test } from "./support/test";
import { ADMIN, signIn } from "./support/accounts";
import { evolvedProject } from "./support/evolved-project";

const seeds = ["Explain how tides work.", "Describe a good password policy.", "Name three prime numbers."];

test("the export form counts what it leaves out, counts near-duplicates as the threshold moves, and guards the formats", async ({
  page,
}) => {
  await signIn(page, ADMIN);
  const projectUrl = await evolvedProject(page, seeds, 1);
  await page.goto(`${projectUrl}/export`);
  await page.getByLabel("Everything (with its statuses)").check();
  await expect(page.getByTestId("export-count")).toHaveText("6");
  // Pasted seeds have no answer: every format leaves them out, and the form says so first.
  await expect(page.getByTestId("export-unanswered")).toHaveText("; 3 without an answer will be left out");

  // The near-duplicate count comes from its own request (a thread on the server), again after each change.
  await page.getByLabel("Remove near-duplicate instructions (MinHash)").check();
  const duplicates = page.getByTestId("export-duplicates");
  await expect(duplicates).toHaveText(/; \d+ near-duplicates will be removed/, { timeout: 30_000 });
  const threshold = page.getByLabel("Similarity threshold");
  for (const value of ["0.9", "0.7", "0.5"]) await threshold.fill(value);
  await expect(duplicates).toHaveText(/; \d+ near-duplicates will be removed/, { timeout: 30_000 });

  // OpenAI chat cannot carry lineage columns; CSV offers raw text.
  const lineage = page.getByLabel("Lineage columns (id, root, parent, round, operation, verdicts, reviewers)");
  await page.getByLabel("Format").selectOption("openai");
  await expect(lineage).toBeDisabled();
  await expect(lineage).not.toBeChecked();
  await expect(page.getByTestId("no-lineage-reason")).toContainText(
    "OpenAI's fine-tuning refuses any key but messages",
  );
  await page.getByLabel("Format").selectOption("csv");
  await expect(lineage).toBeEnabled();
  await expect(page.getByLabel("Keep raw text (for round trips)")).not.toBeChecked();
});

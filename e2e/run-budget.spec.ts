import { expect, test } from "./support/test";
import { ADMIN, signIn } from "./support/accounts";
import { projectWithPastedSeeds } from "./support/evolved-project";

const topics = ["tides", "compilers", "bread", "volcanoes", "jazz", "sleep", "bridges", "bees", "chess", "glass"];
const CAP = 6_000;

test("an admin sets a project's default cap, starts a run with it, sees it stop as budget reached with spend against the cap, raises the cap and the run completes", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await signIn(page, ADMIN);
  const projectUrl = await projectWithPastedSeeds(
    page,
    topics.map((topic, i) => `Explain how ${topic} work, part ${i + 1}.`),
    "Budget",
  );

  // The project's default cap, set under Settings → Spending, is what the run form fills in.
  await page.goto(`${projectUrl}/settings`);
  await page.getByLabel("Default token cap").fill(String(CAP));
  await page.getByRole("button", { name: "Save spending cap" }).click();
  await expect(page.getByText("Saved: new runs start with this cap.")).toBeVisible();

  await page.goto(projectUrl);
  await page.getByRole("link", { name: "Start a run" }).click();
  await expect(page.getByLabel("Token cap", { exact: true })).toHaveValue(String(CAP));
  await page.getByLabel("Run name (optional)").fill("capped run");
  await page.getByLabel("Rounds (M)").fill("3");
  // 10 seeds × 3 rounds is far more than 6,000 tokens: the estimate says so.
  await expect(page.getByTestId("estimate-token-cap")).toContainText("6,000 (estimate");
  await expect(page.getByTestId("estimate-over-cap")).toBeVisible();
  await page.getByRole("button", { name: "Start run" }).click();
  await expect(page.getByRole("heading", { name: "capped run" })).toBeVisible();

  await expect(page.getByTestId("run-status")).toHaveText("budget reached", { timeout: 45_000 });
  // Spend against the cap, never above it; what was in flight at the stop; no overshoot; no step failed.
  const spent = page.getByTestId("budget-tokens");
  await expect(spent).toContainText(`of ${CAP.toLocaleString("en-US")}`);
  await expect(page.getByTestId("budget-stop")).toContainText("in flight; the next call could have used up to");
  await expect(page.getByTestId("budget-overshoot")).toHaveText("Overshoot: none.");
  const used = Number((await spent.textContent())!.split(" of ")[0].replaceAll(",", ""));
  expect(used).toBeGreaterThan(0);
  expect(used).toBeLessThanOrEqual(CAP);
  await expect(page.locator('[data-metric="Step errors"]')).toHaveText("0");
  const evolved = Number(await page.locator('[data-metric="Evolved"]').textContent());
  expect(evolved).toBeLessThan(30);

  // A cap that leaves no room for the next call is refused, with the least that would do.
  await page.getByLabel("New token cap").fill(String(CAP));
  await page.getByRole("button", { name: "Raise cap and resume" }).click();
  await expect(page.getByText(/To resume, raise the token cap to at least [\d,]+/)).toBeVisible();
  await expect(page.getByTestId("run-status")).toHaveText("budget reached");

  await page.getByLabel("New token cap").fill("1000000");
  await page.getByRole("button", { name: "Raise cap and resume" }).click();
  await expect(page.getByTestId("run-status")).toHaveText("completed", { timeout: 60_000 });
  await expect(page.locator('[data-metric="Evolved"]')).toHaveText("30");
  await expect(page.locator('[data-metric="Step errors"]')).toHaveText("0");
  await expect(spent).toContainText("of 1,000,000");
});

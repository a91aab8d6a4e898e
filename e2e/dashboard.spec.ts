import type { Page } from "@playwright/test";
import { decisionsSaved } from "./support/decisions";
import { expect, test } from "./support/test";
import { ADMIN, signIn, uniqueName } from "./support/accounts";
import { evolvedProject, projectWithPastedSeeds } from "./support/evolved-project";

const SEEDS = ["Explain how tides work.", "Describe how a compiler parses code.", "Summarise how bread rises."];
const ROUNDS = 2;
const BARS = ".recharts-bar-rectangle";
const LINES = ".recharts-line-curve";
// Test id, title (the figure's accessible name), and the marks that show its data.
const CHARTS = [
  ["chart-review-status", "Review status per round", BARS],
  ["chart-verdicts", "Eliminator verdict per round", BARS],
  ["chart-rule-pass-rates", "Pass rate per eliminator rule", LINES],
  ["chart-instruction-length", "Instruction length", LINES],
  ["chart-operation-mix", "Operation mix per round", BARS],
  ["chart-operations", "Operations: nodes and pass rate", BARS],
] as const;

const stat = (page: Page, label: string) => page.locator(`[data-stat="${label}"]`);

test("the dashboard of an evolved project shows its counts and draws every chart", async ({ page }) => {
  // A run, a review and then the diversity job's figures: more than one default timeout on a busy machine.
  test.slow();
  await signIn(page, ADMIN);
  const projectUrl = await evolvedProject(page, SEEDS, ROUNDS);
  // One accepted node, decided through the review screen.
  await page.goto(`${projectUrl}/review?status=unreviewed`);
  await page.getByRole("link", { name: "Review these one by one →" }).click();
  await expect(page.getByTestId("node-view")).toBeVisible();
  const before = page.url();
  await page.keyboard.press("a");
  await expect(page).not.toHaveURL(before);
  await decisionsSaved(page);

  await page.goto(projectUrl);
  await page.getByRole("link", { name: "Dashboard" }).click();
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  // Branching 1: every seed gets one child per round, passing or not → 3 × 2 evolved.
  const seeds = SEEDS.length;
  const evolved = seeds * ROUNDS;
  await expect(stat(page, "Nodes")).toHaveText(String(seeds + evolved));
  await expect(stat(page, "Seeds")).toHaveText(String(seeds));
  await expect(stat(page, "Evolved")).toHaveText(String(evolved));
  await expect(stat(page, "Rounds")).toHaveText(String(ROUNDS));
  await expect(stat(page, "Pending")).toHaveText("0");
  await expect(stat(page, "Accepted")).toHaveText("1");
  await expect(stat(page, "Rejected")).toHaveText("0");
  await expect(stat(page, "Disputed")).toHaveText("0");
  await expect(stat(page, "Unreviewed")).toHaveText(String(seeds + evolved - 1));
  await expect(stat(page, "Difficulty scored")).toHaveText("0");
  const passed = Number(await stat(page, "Passed").textContent());
  const eliminated = Number(await stat(page, "Eliminated").textContent());
  expect(passed + eliminated).toBe(evolved);
  await expect(stat(page, "Pass rate")).toHaveText(`${((passed / evolved) * 100).toFixed(1)}%`);

  for (const [testId, title, marks] of CHARTS) {
    const chart = page.getByTestId(testId);
    // The chart's own svg (legend icons are small svgs of the same class).
    await expect(chart.locator('svg.recharts-surface[role="application"]')).toBeVisible();
    // A flat line has an empty bounding box, so count the marks rather than ask for visibility.
    await expect(chart.locator(marks)).not.toHaveCount(0);
    await expect(page.getByRole("figure", { name: title })).toBeVisible();
  }
  // Rules by their labels, operations by theirs.
  await expect(page.getByTestId("chart-rule-pass-rates")).toContainText("No information gain");
  await expect(page.getByTestId("chart-rule-pass-rates")).toContainText("Copied prompt");
  await expect(page.getByTestId("chart-rule-pass-rates")).toContainText("Duplicate");
  await expect(page.getByTestId("chart-operation-mix")).toContainText("Add constraints");
  await expect(page.getByTestId("chart-review-status")).toContainText("Round 2");
  // The simulator run did not score difficulty.
  await expect(page.getByTestId("chart-difficulty")).toHaveCount(0);
  await expect(page.getByTestId("difficulty-not-scored")).toContainText("Difficulty was not scored");
  // The cost table streams in after the charts (its own Suspense boundary): one run, the accepted node counted.
  await expect(page.getByTestId("project-cost-summary")).toContainText("LLM calls");
  await expect(page.getByTestId("project-cost-runs").getByRole("row")).toHaveCount(2);
  await expect(page.getByTestId("project-cost-loading")).toHaveCount(0);

  // Diversity: a view of a changed project asks the diversity job for figures; a later view shows them, fresh.
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("diversity-status")).toHaveText(/^Computed [^;]+ UTC\.$/, { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await expect(page.getByRole("figure", { name: "Distinct n-grams and near-duplicates per round" })).toBeVisible();
  await expect(page.getByTestId("chart-distinct-ngrams").locator(LINES)).not.toHaveCount(0);
  await expect(page.getByRole("figure", { name: "Most common verb/object pairs" })).toBeVisible();
  // The seeds' row: 3 nodes; "Explain how tides work." has a verb but no noun object.
  await expect(page.getByTestId("diversity-round-0").locator("td")).toHaveText([
    "Seeds",
    "3",
    /%$/,
    /%$/,
    /%$/,
    "0",
    /%$/,
    /./,
  ]);
  await expect(page.getByTestId(`diversity-round-${ROUNDS}`)).toBeVisible();
});

test("with difficulty scored, the dashboard charts its distribution per round", async ({ page }) => {
  await signIn(page, ADMIN);
  const projectUrl = await projectWithPastedSeeds(
    page,
    ["Explain how a lock works.", "Describe how rain forms."],
    "Dashboard difficulty",
  );
  await page.goto(projectUrl);
  await page.getByRole("link", { name: "Start a run" }).click();
  await page.getByLabel("Rounds (M)").fill("1");
  await page.getByLabel(/Score difficulty/).check();
  await page.getByRole("button", { name: "Start run" }).click();
  await expect(page.getByTestId("run-status")).toHaveText("completed", { timeout: 45_000 });
  await page.goto(`${projectUrl}/dashboard`);
  // Two seeds, one round: two evolved nodes, each scored (seeds are not).
  await expect(stat(page, "Evolved")).toHaveText("2");
  await expect(stat(page, "Difficulty scored")).toHaveText("2");
  const chart = page.getByTestId("chart-difficulty");
  await expect(chart.locator('svg.recharts-surface[role="application"]')).toBeVisible();
  await expect(chart.locator(BARS)).not.toHaveCount(0);
  await expect(chart).toContainText("Round 1 (mean");
  await expect(page.getByTestId("difficulty-not-scored")).toHaveCount(0);
});

test("an empty project's dashboard points to importing seeds instead of drawing empty charts", async ({ page }) => {
  await signIn(page, ADMIN);
  const name = uniqueName("Dashboard empty");
  await page.goto("/projects");
  await page.getByRole("textbox", { name: "Name" }).fill(name);
  await page.getByRole("button", { name: "Create project" }).click();
  await expect(page.getByTestId("project-name")).toHaveText(name);
  await page.getByRole("link", { name: "Dashboard" }).click();
  await expect(page.getByTestId("dashboard-empty")).toContainText("This project has no instructions yet.");
  await expect(page.getByTestId("dashboard-empty").getByRole("link", { name: "Import seeds" })).toBeVisible();
  await expect(page.locator("svg.recharts-surface")).toHaveCount(0);
  await expect(page.getByTestId("dashboard-tiles")).toHaveCount(0);
});

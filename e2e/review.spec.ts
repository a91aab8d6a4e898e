import { decisionsSaved } from "./support/decisions";
import { expect, test } from "./support/test";
import { ADMIN, createAnnotator, signIn } from "./support/accounts";
import { evolvedProject, projectWithPastedSeeds } from "./support/evolved-project";

const topics = [
  "glaciers",
  "sorting",
  "tea",
  "orbits",
  "poetry",
  "memory",
  "rivers",
  "markets",
  "bridges",
  "yeast",
  "clocks",
  "maps",
];

test("an annotator reviews ten nodes with the keyboard only", async ({ page }) => {
  await signIn(page, ADMIN);
  const projectUrl = await evolvedProject(
    page,
    topics.map((t) => `Describe how ${t} change over time.`),
    1,
  );
  await page.goto(`${projectUrl}/review?status=unreviewed`);
  await expect(page.getByTestId("queue-count")).toHaveText("12 nodes match");
  await page.getByRole("link", { name: "Review these one by one →" }).click();
  await expect(page.getByTestId("node-view")).toBeVisible();
  for (let i = 0; i < 10; i++) {
    const before = page.url();
    await page.keyboard.press(i % 3 === 2 ? "r" : "a");
    if (i % 3 === 2) {
      await expect(page.getByLabel("Note")).toBeFocused();
      await page.keyboard.type("not harder than its parent");
      await page.keyboard.press("Enter");
    }
    await expect(page).not.toHaveURL(before);
  }
  await decisionsSaved(page);
  await page.keyboard.press("?");
  await expect(page.getByRole("dialog", { name: "Keyboard shortcuts" })).toBeVisible();
  await page.keyboard.press("Escape");
  await page.goto(`${projectUrl}/review?status=accepted`);
  await expect(page.getByTestId("queue-count")).toHaveText("7 nodes match");
  await page.goto(`${projectUrl}/review?status=rejected`);
  await expect(page.getByTestId("queue-count")).toHaveText("3 nodes match");
  await page.goto(`${projectUrl}/review?status=unreviewed`);
  await expect(page.getByTestId("queue-count")).toHaveText("2 nodes match");
});

test("the lineage tree is navigated by keys, and a subtree is rejected in bulk and restored by undo", async ({
  page,
}) => {
  await signIn(page, ADMIN);
  const projectUrl = await evolvedProject(page, ["Explain why the sky is blue."], 3);
  await page.goto(projectUrl);
  await page.getByTestId("seed-row").first().getByRole("link").click();
  await expect(page.getByTestId("tree-node")).toHaveCount(4);
  const selected = () => page.locator('[data-testid="tree-node"][aria-selected="true"]');
  await expect(selected()).toContainText("seed");
  await page.keyboard.press("ArrowRight");
  await expect(selected()).toContainText("R1");
  await page.keyboard.press("ArrowRight");
  await expect(selected()).toContainText("R2");
  await page.keyboard.press("ArrowLeft");
  await expect(selected()).toContainText("R1");

  await page.getByRole("button", { name: "Reject this subtree…" }).click();
  await expect(page.getByTestId("bulk-count")).toHaveText("3");
  await page.getByRole("button", { name: "Reject 3" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Rejected 3 node(s)." })).toBeVisible();
  await expect(page.locator('[data-testid="tree-node"]').filter({ hasText: "rejected" })).toHaveCount(3);
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Undone: 3 decision(s)" })).toBeVisible();
  await expect(page.locator('[data-testid="tree-node"]').filter({ hasText: "rejected" })).toHaveCount(0);
});

test("filtering to human–eliminator disagreements", async ({ page }) => {
  await signIn(page, ADMIN);
  const projectUrl = await evolvedProject(
    page,
    ["Summarise the causes of the First World War.", "Write a haiku about autumn rain."],
    1,
  );
  await page.goto(`${projectUrl}/review`);
  await expect(page.getByTestId("queue-count")).toHaveText("2 nodes match");
  // The simulator's rewrites all pass the eliminator: rejecting one makes a disagreement.
  await page.getByTestId("queue-item").first().getByRole("link").click();
  await expect(page.getByTestId("node-view")).toBeVisible();
  await page
    .getByTestId("review-bar")
    .getByRole("button", { name: /^Reject/ })
    .click();
  await page.getByRole("button", { name: "Reject", exact: true }).click();
  await decisionsSaved(page);
  await page.goto(`${projectUrl}/review`);
  await page.getByLabel("Human ≠ eliminator").check();
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByTestId("queue-count")).toHaveText("1 nodes match");
  await expect(page.getByTestId("queue-item")).toContainText("rejected");
});

test("two reviewers deciding the same node at once: the second is told, both decisions are kept", async ({
  page,
  browser,
}) => {
  await signIn(page, ADMIN);
  const projectUrl = await evolvedProject(page, ["Compare two sorting algorithms.", "Explain what a hash map is."], 1);
  await page.goto(`${projectUrl}/review`);
  await page.getByTestId("queue-item").first().getByRole("link").click();
  await expect(page.getByTestId("node-view")).toBeVisible();
  const nodeUrl = page.url();

  const annotator = { email: `ann-${Date.now()}@e2e.test`, password: "annotator-password" };
  await createAnnotator(page, { ...annotator, name: "Second reviewer" }, [projectUrl]);

  const other = await browser.newContext();
  const second = await other.newPage();
  await signIn(second, annotator);
  await second.goto(nodeUrl);
  await page.goto(nodeUrl);
  await expect(page.getByTestId("node-view")).toBeVisible();
  await expect(second.getByTestId("node-view")).toBeVisible();

  await page
    .getByTestId("review-bar")
    .getByRole("button", { name: /^Accept/ })
    .click();
  await expect(page).not.toHaveURL(nodeUrl);
  await decisionsSaved(page);
  await second
    .getByTestId("review-bar")
    .getByRole("button", { name: /^Reject/ })
    .click();
  await second.getByRole("button", { name: "Reject", exact: true }).click();
  // The second reviewer has moved on to the next node; the notice says what happened and links back.
  const notice = second.getByTestId("decision-notice");
  await expect(notice).toContainText(`${ADMIN.email} accepted “`);
  await expect(notice).toContainText("while you were looking. Both decisions are kept in the history; it is now");
  await notice.getByRole("link", { name: "Open it" }).click();
  await expect(second).toHaveURL(nodeUrl);
  await expect(second.getByTestId("node-history")).toContainText(`${ADMIN.email} (admin) accepted`);
  await expect(second.getByTestId("node-history")).toContainText(`${annotator.email} (annotator) rejected`);
  await other.close();
});

test("instructions with script and onerror payloads are shown as text and run nothing", async ({ page }) => {
  const payload = `Explain this markup: <script>window.__xss = 1</script> and <img src=x onerror="window.__xss = 2">`;
  await signIn(page, ADMIN);
  const projectUrl = await evolvedProject(page, [payload], 1);
  await page.goto(projectUrl);
  await page.getByTestId("seed-row").first().getByRole("link").click();
  const view = page.getByTestId("node-view");
  await expect(view).toContainText("<script>window.__xss = 1</script>");
  await expect(view).toContainText(`<img src=x onerror="window.__xss = 2">`);
  await page.keyboard.press("ArrowRight");
  await expect(view).toContainText("<script>");
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  expect(await view.locator("script, img").count()).toBe(0);
});

test("the queue keeps only the rows on screen and loads the next pages while scrolling", async ({ page }) => {
  await signIn(page, ADMIN);
  const seeds = Array.from(
    { length: 260 },
    (_, i) => `Seed ${String(i + 1).padStart(3, "0")}: explain one idea about ${topics[i % topics.length]}.`,
  );
  const projectUrl = await projectWithPastedSeeds(page, seeds, "Queue");
  await page.goto(`${projectUrl}/review?seeds=1&sort=oldest`);
  // The list, and its count line streamed in after it with the buttons that act on every match.
  await expect(page.getByTestId("queue-item").first()).toContainText("Seed 001");
  await expect(page.getByTestId("queue-count")).toHaveText("260 nodes match");
  await expect(page.getByTestId("queue-count-pending")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Accept all matching…" })).toBeEnabled();
  const rendered = await page.getByTestId("queue-item").count();
  expect(rendered).toBeGreaterThan(5);
  expect(rendered).toBeLessThan(60);
  await expect(page.getByTestId("queue-item").first()).toContainText("Seed 001");
  // Keep scrolling: pages of 100 arrive on their own until all 260 are loaded.
  await expect(async () => {
    await page.mouse.wheel(0, 20_000);
    await expect(page.getByTestId("queue-list")).toHaveAttribute("data-loaded", "260", { timeout: 500 });
  }).toPass({ timeout: 20_000 });
  await page.mouse.wheel(0, 50_000);
  await expect(page.getByTestId("queue-item").filter({ hasText: "Seed 260" })).toBeVisible();
  expect(await page.getByTestId("queue-item").count()).toBeLessThan(60);
  await expect(page.getByText("End of the queue: 260 loaded.")).toBeVisible();
});

test("with 100 % overlap, a node one annotator decided still waits for a second one", async ({ page, browser }) => {
  await signIn(page, ADMIN);
  const projectUrl = await evolvedProject(page, ["Explain photosynthesis.", "Describe how a bill becomes law."], 1);
  const annotators = [1, 2].map((i) => ({
    email: `overlap-${i}-${Date.now()}@e2e.test`,
    password: "annotator-password",
  }));
  for (const account of annotators) await createAnnotator(page, account, [projectUrl]);
  await page.goto(projectUrl);
  await page.getByRole("link", { name: "Agreement" }).click();
  await page.getByLabel("Overlap percent").fill("100");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved" })).toBeVisible();

  const contexts = await Promise.all(annotators.map(() => browser.newContext()));
  const [first, second] = await Promise.all(contexts.map((c) => c.newPage()));
  await signIn(first, annotators[0]);
  await signIn(second, annotators[1]);
  await first.goto(projectUrl);
  await first.getByRole("link", { name: "Waiting for me" }).click();
  await expect(first.getByTestId("queue-count")).toHaveText("2 nodes match");
  await first.getByTestId("queue-item").first().getByRole("link").click();
  await expect(first.getByTestId("node-view")).toBeVisible();
  const decided = first.url();
  await first.keyboard.press("a");
  await expect(first).not.toHaveURL(decided);
  await decisionsSaved(first);
  await first.goto(`${projectUrl}/review?mine=1`);
  await expect(first.getByTestId("queue-count")).toHaveText("1 nodes match");
  // The node the first annotator accepted is still waiting for the second opinion.
  await second.goto(`${projectUrl}/review?mine=1`);
  await expect(second.getByTestId("queue-count")).toHaveText("2 nodes match");
  // Blind second reviews: the second annotator does not see the first one's decision.
  await expect(second.getByTestId("queue-item").filter({ hasText: "accepted" })).toHaveCount(0);
  await Promise.all(contexts.map((c) => c.close()));
});

import { expect, test } from "./support/test";
import { ADMIN, signIn, uniqueName } from "./support/accounts";

const MB = 1_000_000;
/** A 1 MB text with a recognisable end. */
const huge = (word: string, end: string) => `${word} `.repeat(MB).slice(0, MB - end.length - 1) + ` ${end}`;
const fmt = (n: number) => n.toLocaleString("en-US");

// Before issue 11 one 30 MB seed made its project page 63 MB of HTML: the sizes
// below are what a page weighs with a 1 MB seed, asserted instead of load times.
test("a project with a 1 MB seed keeps its pages small, and the node view shows all of the text on request", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await signIn(page, ADMIN);
  const name = uniqueName("Huge");
  await page.goto("/projects");
  await page.getByRole("textbox", { name: "Name" }).fill(name);
  await page.getByRole("button", { name: "Create project" }).click();
  await expect(page.getByTestId("project-name")).toHaveText(name);
  const projectUrl = page.url();

  const instruction = huge("lorem", "INSTRUCTION-END");
  const lines = [
    JSON.stringify({ instruction, input: "", output: huge("ipsum", "ANSWER-END") }),
    JSON.stringify({ instruction: "A short seed.", input: "", output: "Short." }),
  ];
  await page.getByRole("link", { name: "Import seeds" }).click();
  await page
    .getByLabel("Seed file")
    .setInputFiles({ name: "huge.jsonl", mimeType: "application/jsonl", buffer: Buffer.from(lines.join("\n")) });
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByTestId("import-preview")).toBeVisible();
  await page.getByRole("button", { name: "Import 2 seeds" }).click();
  await expect(page.getByTestId("import-summary")).toHaveText("Imported 2 seeds.");

  // The project page lists a preview of each seed, and the long one's length.
  const projectHtml = await (await page.request.get(projectUrl)).text();
  expect(projectHtml).not.toContain("INSTRUCTION-END");
  expect(projectHtml.length).toBeLessThan(200_000);
  await page.goto(projectUrl);
  await expect(page.getByTestId("seed-length")).toHaveText(`${fmt(MB)} characters`);

  // The tree page carries the start of each long text only.
  await page.getByTestId("seed-row").filter({ hasText: "lorem" }).getByRole("link").first().click();
  await expect(page.getByTestId("node-view")).toBeVisible();
  const treeUrl = page.url();
  const treeHtml = await (await page.request.get(treeUrl)).text();
  expect(treeHtml).not.toContain("INSTRUCTION-END");
  expect(treeHtml.length).toBeLessThan(400_000);

  // Show all brings the rest in chunks.
  const view = page.getByTestId("node-view");
  await expect(view.getByTestId("long-text")).toHaveCount(2);
  const showAll = view.getByRole("button", { name: `Show all (${fmt(MB)} characters)` });
  await expect(showAll).toHaveCount(2);
  await showAll.first().click();
  await expect(view.getByTestId("long-text").first()).toContainText("INSTRUCTION-END", { timeout: 30_000 });
  await expect(view.getByTestId("long-text").first().getByRole("button")).toHaveCount(0);
  await expect(view.getByTestId("long-text").nth(1)).not.toContainText("ANSWER-END");

  // The edit panel does not offer to edit a text it has only the start of.
  await page.keyboard.press("e");
  await expect(page.getByTestId("edit-too-long")).toContainText(`Too long to edit here: ${fmt(MB)} characters`);

  // The review queue (seeds included) and its next page: previews only.
  const queueHtml = await (await page.request.get(`${projectUrl}/review?seeds=1&status=any`)).text();
  expect(queueHtml.length).toBeLessThan(200_000);
  expect(queueHtml).not.toContain("INSTRUCTION-END");
  const projectId = new URL(projectUrl).pathname.split("/")[2];
  const nextPage = await page.request.get(
    `/api/projects/${projectId}/review-queue?seeds=1&status=any&sort=oldest&after=0196f0c4-0000-7000-8000-000000000000`,
  );
  expect(nextPage.status()).toBe(200);
  expect((await nextPage.text()).length).toBeLessThan(5_000);
});

// Hostile and oversized input at import: sizes are refused in the browser
// with the limit in the message, a server that refuses a request says why,
// and an unbroken 4,400-character word never widens a page.
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Page } from "@playwright/test";
import { parquetWriteBuffer } from "hyparquet-writer";
import { expect, test } from "./support/test";
import { ADMIN, signIn, uniqueName } from "./support/accounts";

const MB = 1024 * 1024;

async function openImport(page: Page, name = uniqueName("Hostile")) {
  await signIn(page, ADMIN);
  await page.goto("/projects");
  await page.getByRole("textbox", { name: "Name" }).fill(name);
  await page.getByRole("button", { name: "Create project" }).click();
  await expect(page.getByTestId("project-name")).toHaveText(name);
  const projectUrl = page.url();
  await page.getByRole("link", { name: "Import seeds" }).click();
  await expect(page.getByRole("heading", { name: "Import seeds" })).toBeVisible();
  return projectUrl;
}

async function expectNoSideways(page: Page, where: string) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  expect(scrollWidth, `page width on ${where}`).toBeLessThanOrEqual(innerWidth);
}

test("a file over the limit is refused in the browser with its size and the limit", async ({ page }) => {
  const dir = mkdtempSync(path.join(tmpdir(), "evol-e2e-"));
  try {
    // Sparse: 51 MB on paper, nothing on disk.
    const file = path.join(dir, "huge.jsonl");
    writeFileSync(file, "");
    truncateSync(file, 51 * MB);
    await openImport(page);
    await page.getByLabel("Seed file").setInputFiles(file);
    await expect(page.getByRole("main").getByRole("alert")).toHaveText(
      "huge.jsonl is 51 MB; the limit is 50 MB. Split the file.",
    );
    await expect(page.getByRole("button", { name: "Preview" })).toBeDisabled();

    // A file that fits clears the message and can be previewed.
    await page
      .getByLabel("Seed file")
      .setInputFiles({ name: "ok.txt", mimeType: "text/plain", buffer: Buffer.from("Name a colour.\n") });
    await expect(page.getByRole("main").getByRole("alert")).toHaveCount(0);
    await page.getByRole("button", { name: "Preview" }).click();
    await expect(page.getByTestId("import-preview")).toContainText("Plain text");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("a 20 MB file, past the 10 MB Next buffers behind the proxy by default, arrives whole and imports", async ({
  page,
}) => {
  // 40,000 rows of about 500 bytes: what a team's real seed file looks like, and
  // the size that used to arrive cut short ("Unexpected end of form").
  const rows = 40_000;
  const filler = "x".repeat(440);
  const lines = Array.from({ length: rows }, (_, i) =>
    JSON.stringify({ instruction: `Task ${i}: ${filler}`, output: "ok" }),
  );
  const buffer = Buffer.from(lines.join("\n") + "\n");
  expect(buffer.length).toBeGreaterThan(18 * MB);
  await openImport(page);
  await page.getByLabel("Seed file").setInputFiles({ name: "big.jsonl", mimeType: "application/jsonl", buffer });
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByTestId("import-preview")).toContainText("40,000", { timeout: 60_000 });
  await page.getByRole("button", { name: "Import 40,000 seeds" }).click();
  await expect(page.getByTestId("import-summary")).toHaveText("Imported 40,000 seeds.", { timeout: 60_000 });
});

test("a Parquet file is read in the web server's worker thread and imported", async ({ page }) => {
  await openImport(page);
  const buffer = Buffer.from(
    parquetWriteBuffer({
      columnData: [
        { name: "instruction", data: ["Name a colour.", "What is 2+2?"], type: "STRING" },
        { name: "output", data: ["Red.", "4"], type: "STRING" },
      ],
    }),
  );
  await page
    .getByLabel("Seed file")
    .setInputFiles({ name: "train.parquet", mimeType: "application/octet-stream", buffer });
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByTestId("import-preview")).toContainText("PARQUET");
  await page.getByRole("button", { name: "Import 2 seeds" }).click();
  await expect(page.getByTestId("import-summary")).toHaveText("Imported 2 seeds.");
});

test("a 64 MB paste is refused before it reaches the text box, and the page stays usable", async ({ page }) => {
  await openImport(page);
  await page.getByRole("tab", { name: "Paste text" }).click();
  const box = page.getByLabel("Seed text");
  await box.focus();
  const inserted = await box.evaluate((element) => {
    const data = new DataTransfer();
    data.setData("text/plain", "x".repeat(64 * 1024 * 1024));
    const event = new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true });
    element.dispatchEvent(event);
    return !event.defaultPrevented;
  });
  expect(inserted).toBe(false);
  await expect(page.getByRole("main").getByRole("alert")).toHaveText(
    "The pasted text is at least 64 MB; the limit is 50 MB. Split it, or upload the parts as files.",
  );
  await expect(box).toHaveValue("");

  await box.fill("Name a colour.");
  await expect(page.getByRole("main").getByRole("alert")).toHaveCount(0);
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByTestId("import-preview")).toContainText("Pasted text");
});

test("a request the server refuses (413) shows the server's message, not the error screen", async ({ page }) => {
  const importUrl = `${await openImport(page)}/seeds/import`;
  await page.route(importUrl, (route) =>
    route.request().method() === "POST"
      ? route.fulfill({ status: 413, contentType: "text/plain", body: "Body exceeded 60mb limit." })
      : route.continue(),
  );
  await page.getByRole("tab", { name: "Paste text" }).click();
  await page.getByLabel("Seed text").fill("Name a colour.");
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toHaveText(
    "The server did not accept the request: Body exceeded 60mb limit.",
  );
  await expect(page.getByRole("heading", { name: "Import seeds" })).toBeVisible();
});

test("a 4,400-character unbroken word does not widen the import preview, the seed list, the tree or the node", async ({
  page,
}) => {
  const word = (letter: string) => letter.repeat(4_400);
  const name = `${uniqueName("W")}-${"n".repeat(100)}`.slice(0, 120);
  const projectUrl = await openImport(page, name);
  await expectNoSideways(page, "the import page with a 120-character name");
  const rows = [
    { instruction: `Explain ${word("a")}`, input: word("b"), output: word("c"), note: word("d") },
    { instruction: "Name a colour.", input: "", output: "Red." },
  ];
  await page.getByLabel("Seed file").setInputFiles({
    name: `${"f".repeat(200)}.jsonl`,
    mimeType: "application/json",
    buffer: Buffer.from(rows.map((r) => JSON.stringify(r)).join("\n")),
  });
  await page.getByRole("button", { name: "Preview" }).click();
  // The preview carries the first 2,000 characters of a text: still a word far wider than any screen.
  await expect(page.getByTestId("import-preview")).toContainText("a".repeat(1_500));
  await expectNoSideways(page, "the import preview");

  await page.getByRole("button", { name: "Import 2 seeds" }).click();
  await expect(page.getByTestId("import-summary")).toHaveText("Imported 2 seeds.");
  await page.goto(projectUrl);
  await expect(page.getByTestId("seed-row")).toHaveCount(2);
  await expectNoSideways(page, "the project's seed list");

  const tree = page.getByTestId("seed-row").filter({ hasText: "Explain" }).getByRole("link");
  const href = (await tree.getAttribute("href"))!;
  await page.goto(href);
  await expectNoSideways(page, "the lineage tree");
  const nodeId = href.split("/").pop()!;
  await page.goto(`${projectUrl}/review/${nodeId}`);
  await expect(page.getByText(word("c")).first()).toBeVisible();
  await expectNoSideways(page, "the node view");
});

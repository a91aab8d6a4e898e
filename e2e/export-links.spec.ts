import { E2E_BASE_URL } from "../playwright.config";
import { ADMIN, signIn } from "./support/accounts";
import { evolvedProject } from "./support/evolved-project";
import { expect, test } from "./support/test";

test("an admin shares an export as a signed link that downloads without a session, then revokes it", async ({
  page,
  playwright,
}) => {
  test.setTimeout(120_000);
  await signIn(page, ADMIN);
  const projectUrl = await evolvedProject(page, ["Explain how a lock works.", "Name three rivers."], 1);
  await page.goto(`${projectUrl}/export`);
  await page.getByLabel("Everything (with its statuses)").check();
  await page.getByRole("button", { name: "Export", exact: true }).click();
  await expect(page.getByTestId("export-status")).toHaveText("done", { timeout: 20_000 });
  await page.reload();

  const row = page.getByTestId("export-row").first();
  const cookieHref = await row.getByRole("link", { name: /^Download/ }).getAttribute("href");
  await row.getByRole("button", { name: "Share link" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByText("No links to this export yet.")).toBeVisible();
  await dialog.getByLabel("Link expires after").selectOption("30");
  await dialog.getByRole("button", { name: "Create link" }).click();
  const url = await dialog.getByLabel("Signed link").inputValue();
  expect(url).toMatch(new RegExp(`^${E2E_BASE_URL}/api/v1/links/[A-Za-z0-9_-]{43}/[\\w.-]+\\.jsonl$`));
  await expect(dialog.getByTestId("created-link")).toContainText(`load_dataset("json", data_files="${url}"`);
  await expect(dialog.getByTestId("created-link")).toContainText("pd.read_json(URL, lines=True)");
  await expect(dialog.getByTestId("export-link-row")).toHaveCount(1);

  // A client without any cookie gets the same bytes as the admin's own download.
  const nobody = await playwright.request.newContext();
  const shared = await nobody.get(url);
  expect(shared.status()).toBe(200);
  expect(shared.headers()["cache-control"]).toBe("private, no-store");
  expect(shared.headers()["referrer-policy"]).toBe("no-referrer");
  const own = await page.request.get(cookieHref!);
  expect(own.status()).toBe(200);
  expect((await shared.body()).equals(await own.body())).toBe(true);
  // HEAD and ranges, as fsspec (under datasets and pandas) asks them: the size first, then parts.
  const whole = await own.body();
  expect(shared.headers()["content-length"]).toBe(String(whole.length));
  const head = await nobody.head(url);
  expect(head.status()).toBe(200);
  expect(head.headers()).toMatchObject({
    "accept-ranges": "bytes",
    etag: shared.headers().etag,
    "content-length": String(whole.length),
  });
  expect(head.headers()["x-evol-file-length"]).toBeUndefined();
  const part = await nobody.get(url, { headers: { range: "bytes=3-12" } });
  expect(part.status()).toBe(206);
  expect(part.headers()).toMatchObject({ "content-range": `bytes 3-12/${whole.length}`, "content-length": "10" });
  expect((await part.body()).equals(whole.subarray(3, 13))).toBe(true);

  await dialog.getByRole("button", { name: "Revoke" }).click();
  const revoked = dialog.getByTestId("export-link-row");
  await expect(revoked).toHaveAttribute("data-state", "revoked");
  // The one full download counted (the HEAD and the range from byte 3 did not).
  await expect(revoked.locator("td").nth(3)).toHaveText("1");
  expect((await nobody.get(url)).status()).toBe(404);
  await nobody.dispose();
});

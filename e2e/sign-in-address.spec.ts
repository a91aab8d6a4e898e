import { expect, test } from "./support/test";
import { E2E_BASE_URL, OTHER_HOST } from "../playwright.config";
import { ADMIN } from "./support/accounts";

const port = new URL(E2E_BASE_URL).port;

async function fillSignIn(page: import("@playwright/test").Page) {
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

test("the app opened at 127.0.0.1 instead of localhost signs in", async ({ page }) => {
  await page.goto(`http://127.0.0.1:${port}/sign-in`);
  await fillSignIn(page);
  await expect(page.getByTestId("current-user")).toHaveText(ADMIN.email);
  expect(new URL(page.url()).host).toBe(`127.0.0.1:${port}`);
});

test("the app opened at an address APP_URL does not name says which address works and how to set APP_URL", async ({
  page,
}) => {
  const other = `http://${OTHER_HOST}:${port}`;
  await page.goto(`${other}/sign-in`);
  const warning = page.getByRole("status").filter({ hasText: "signing in from here is refused" });
  await expect(warning).toContainText(`You opened Evol Studio at ${other}, but its address is ${E2E_BASE_URL}`);
  await expect(warning).toContainText(`APP_URL=${other}`);
  await expect(warning.getByRole("link", { name: E2E_BASE_URL })).toHaveAttribute("href", `${E2E_BASE_URL}/sign-in`);
  await fillSignIn(page);
  // Refused by the server as well: still on the sign-in page, with the same explanation and no raw "Invalid origin".
  await expect(page.getByRole("button", { name: "Sign in" })).toBeEnabled();
  await expect(page).toHaveURL(`${other}/sign-in`);
  await expect(page.getByText("Invalid origin")).toHaveCount(0);
  await expect(warning).toBeVisible();
});

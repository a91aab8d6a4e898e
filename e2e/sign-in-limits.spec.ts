import { expect, test } from "./support/test";

// The app's server stamps each request with the address of its socket (no proxy is trusted here), so what the
// client claims in X-Forwarded-For or in the stamp's own header gets it no fresh attempts.
test("forged address headers get no fresh attempts: after five wrong passwords the account is refused from here", async ({
  page,
}) => {
  const account = { email: `nobody-${Date.now()}@e2e.test`, password: "not-the-password" };
  await page.goto("/sign-in");
  const statuses: number[] = [];
  for (let i = 0; i < 6; i++) {
    await page.setExtraHTTPHeaders({ "x-forwarded-for": `203.0.113.${i}`, "x-evol-client-address": `192.0.2.${i}` });
    await page.getByLabel("Email").fill(account.email);
    await page.getByLabel("Password").fill(account.password);
    const answered = page.waitForResponse((r) => r.url().endsWith("/api/auth/sign-in/email"));
    await page.getByRole("button", { name: "Sign in" }).click();
    statuses.push((await answered).status());
  }
  expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
  await expect(page.locator("form").getByRole("alert")).toHaveText(
    "Too many attempts for this account from this address; try again in 1 minute.",
  );
});

// API tokens end to end against the built app: create one on the API tokens
// page, see its secret once, use it over HTTP on /api/v1 (list, create, read
// a project, a bad body), reload (the secret is gone, its last use shows),
// revoke it, and its next request is refused; an annotator's token reaches
// none of another's projects, and an expired token is refused.
import type { Page } from "@playwright/test";
import { E2E_BASE_URL } from "../playwright.config";
import { ADMIN, createAnnotator, signIn, uniqueName } from "./support/accounts";
import { connectE2eDatabase } from "./support/database";
import { expect, test } from "./support/test";

/** Creates a token on the API tokens page of the signed-in `page` and returns its secret. */
async function createToken(page: Page, name: string, scope: "read" | "write"): Promise<string> {
  await page.goto("/account/tokens");
  await page.getByLabel("Token name").fill(name);
  await page.getByLabel("Scope").selectOption(scope);
  await page.getByRole("button", { name: "Create token" }).click();
  return (await page.getByTestId("new-token").locator("code").textContent())!.trim();
}

test("create a token, see it once, use it, revoke it", async ({ page, context, playwright }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await signIn(page, ADMIN);
  await page.getByRole("link", { name: "API tokens" }).click();
  await expect(page.getByRole("heading", { name: "API tokens" })).toBeVisible();

  const name = uniqueName("e2e token");
  await page.getByLabel("Token name").fill(name);
  await page.getByLabel("Scope").selectOption("write");
  await page.getByLabel("Expires").selectOption("30");
  await page.getByRole("button", { name: "Create token" }).click();
  const shown = page.getByTestId("new-token");
  await expect(shown).toContainText("shown only this once");
  const secret = (await shown.locator("code").textContent())!.trim();
  expect(secret).toMatch(/^evs_[A-Za-z0-9_-]{43}$/);
  await shown.getByRole("button", { name: "Copy" }).click();
  await expect(shown.getByRole("button", { name: "Copied" })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);

  // A client of its own: no session cookie, only the token.
  const api = await playwright.request.newContext({ baseURL: E2E_BASE_URL });
  const auth = { authorization: `Bearer ${secret}` };
  expect((await api.get("/api/v1/projects")).status()).toBe(401);
  const projectName = uniqueName("api project");
  const created = await api.post("/api/v1/projects", { headers: auth, data: { name: projectName } });
  expect(created.status(), await created.text()).toBe(201);
  const project = (await created.json()) as { id: string; name: string };
  expect(project.name).toBe(projectName);
  const list = await api.get("/api/v1/projects?limit=200", { headers: auth });
  expect(((await list.json()) as { data: { id: string }[] }).data.map((p) => p.id)).toContain(project.id);
  const one = await api.get(`/api/v1/projects/${project.id}`, { headers: auth });
  expect(await one.json()).toMatchObject({ id: project.id, counts: { seeds: 0, runs: 0 } });
  const bad = await api.post("/api/v1/projects", { headers: auth, data: { name: " " } });
  expect(bad.status()).toBe(400);
  expect(await bad.json()).toMatchObject({
    error: { code: "INVALID", details: { source: "body", fieldErrors: { name: ["A project needs a name."] } } },
  });

  // Shown once: after a reload the page has the prefix only, and the use it just had.
  await page.reload();
  expect(await page.content()).not.toContain(secret);
  const row = page.getByTestId("token-row").filter({ hasText: name });
  await expect(row).toContainText(secret.slice(0, 10));
  await expect(row).toContainText("write");
  // Last used is a time now, and the token expires in 30 days: nothing in the row says "never".
  await expect(row).not.toContainText("never");
  await expect(row.getByText("active")).toBeVisible();

  // Admins see everybody's tokens, with the owner.
  await page.goto("/admin/tokens");
  await expect(page.getByTestId("token-row").filter({ hasText: name })).toContainText(ADMIN.email);

  await page.goto("/account/tokens");
  page.once("dialog", (dialog) => dialog.accept());
  await row.getByRole("button", { name: `Revoke ${name}` }).click();
  await expect(row.getByText("revoked")).toBeVisible();
  const refused = await api.get("/api/v1/projects", { headers: auth });
  expect(refused.status()).toBe(401);
  expect(await refused.json()).toMatchObject({
    error: { code: "UNAUTHENTICATED", message: expect.stringMatching(/revoked/) },
  });
  await api.dispose();
});

test("a token reaches only what its owner does, and an expired one is refused", async ({
  page,
  browser,
  playwright,
}) => {
  await signIn(page, ADMIN);
  const api = await playwright.request.newContext({ baseURL: E2E_BASE_URL });
  const adminAuth = { authorization: `Bearer ${await createToken(page, uniqueName("admin"), "write")}` };
  const created = await api.post("/api/v1/projects", { headers: adminAuth, data: { name: uniqueName("not theirs") } });
  const project = (await created.json()) as { id: string };

  const annotator = { email: `${uniqueName("api").replace(/\W+/g, "-")}@e2e.test`, password: "annotator-password" };
  await createAnnotator(page, annotator);
  const annotatorContext = await browser.newContext();
  const annotatorPage = await annotatorContext.newPage();
  await signIn(annotatorPage, annotator);
  const name = uniqueName("annotator");
  const auth = { authorization: `Bearer ${await createToken(annotatorPage, name, "write")}` };

  const list = await api.get("/api/v1/projects", { headers: auth });
  expect(await list.json()).toEqual({ data: [], next_cursor: null });
  const other = await api.get(`/api/v1/projects/${project.id}`, { headers: auth });
  expect(other.status()).toBe(404);
  expect(await other.json()).toMatchObject({ error: { code: "NOT_FOUND" } });
  // Write scope, but an annotator: creating projects stays an admin's.
  const create = await api.post("/api/v1/projects", { headers: auth, data: { name: uniqueName("nope") } });
  expect(create.status()).toBe(403);

  const db = await connectE2eDatabase();
  try {
    await db.query(`UPDATE api_tokens SET expires_at = now() - interval '1 minute' WHERE name = $1`, [name]);
  } finally {
    await db.end();
  }
  const expired = await api.get("/api/v1/projects", { headers: auth });
  expect(expired.status()).toBe(401);
  expect(await expired.json()).toMatchObject({ error: { message: expect.stringMatching(/expired/) } });
  await annotatorPage.reload();
  await expect(annotatorPage.getByTestId("token-row").filter({ hasText: name }).getByText("expired")).toBeVisible();
  await annotatorContext.close();
  await api.dispose();
});

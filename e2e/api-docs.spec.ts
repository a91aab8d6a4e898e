// The API reference page against the built app: opened from the header and
// from the API tokens page, it lists the projects endpoints with their
// parameters and bodies, its table of contents jumps to an endpoint's anchor,
// and a copied curl example, run as written (its $VARIABLES filled in), works.
import { E2E_BASE_URL } from "../playwright.config";
import { ADMIN, signIn, uniqueName } from "./support/accounts";
import { expect, test } from "./support/test";

test("read the API reference, jump to an endpoint and run its copied curl example", async ({
  page,
  context,
  playwright,
}) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await signIn(page, ADMIN);
  await expect(page.getByRole("link", { name: "API docs" })).toHaveAttribute("href", "/api-docs");

  // A token and a project to read with it.
  await page.getByRole("link", { name: "API tokens" }).click();
  await page.getByLabel("Token name").fill(uniqueName("docs token"));
  await page.getByLabel("Scope").selectOption("read");
  await page.getByRole("button", { name: "Create token" }).click();
  const secret = (await page.getByTestId("new-token").locator("code").textContent())!.trim();
  const projectName = uniqueName("docs project");
  await page.goto("/projects");
  await page.getByRole("textbox", { name: "Name" }).fill(projectName);
  await page.getByRole("button", { name: "Create project" }).click();
  await expect(page.getByTestId("project-name")).toHaveText(projectName);
  const projectId = /\/projects\/([0-9a-f-]{36})/.exec(page.url())![1]!;

  await page.goto("/account/tokens");
  await page.getByRole("link", { name: "API reference" }).click();
  await expect(page).toHaveURL(/\/api-docs$/);
  await expect(page.getByRole("heading", { name: "API reference", level: 1 })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Projects", level: 2 })).toBeVisible();
  await expect(page.getByRole("link", { name: "/api/v1/openapi.json" })).toBeVisible();

  const list = page.locator("#get_projects");
  await expect(list.getByRole("heading", { name: "/api/v1/projects" })).toBeVisible();
  const listParameters = list.getByTestId("endpoint-parameters");
  await expect(
    listParameters.getByRole("row", { name: /limit query integer optional 1–200 default 50/ }),
  ).toBeVisible();
  await expect(listParameters.getByRole("row", { name: /cursor query string optional/ })).toBeVisible();
  await expect(list.getByTestId("endpoint-access")).toContainText("read scope");

  const create = page.locator("#post_projects");
  await expect(
    create.getByTestId("endpoint-body").getByRole("row", { name: /name string required 1–120 characters/ }),
  ).toBeVisible();
  await expect(create.getByTestId("endpoint-access")).toContainText("admins only");
  await expect(create.getByTestId("endpoint-errors")).toContainText("413");

  // The table of contents leads to each endpoint's anchor.
  await page
    .getByRole("navigation", { name: "On this page" })
    .getByRole("link", { name: "GET /projects/{projectId}", exact: true })
    .click();
  await expect(page).toHaveURL(/#get_projects_projectId$/);
  const one = page.locator("#get_projects_projectId");
  await expect(one).toBeInViewport();
  await expect(
    one.getByTestId("endpoint-parameters").getByRole("row", { name: /projectId path string required uuid/ }),
  ).toBeVisible();

  // Copy its curl example: this app's address, the project as $PROJECT_ID, the token as $TOKEN.
  await one.getByRole("button", { name: "Copy curl" }).click();
  await expect(one.getByRole("button", { name: "Copied" })).toBeVisible();
  const curl = await page.evaluate(() => navigator.clipboard.readText());
  expect(curl).toBe(`curl -sS "${E2E_BASE_URL}/api/v1/projects/$PROJECT_ID" \\\n  -H "Authorization: Bearer $TOKEN"`);
  const filled = curl.replace("$PROJECT_ID", projectId).replace("$TOKEN", secret);
  const url = /"(http[^"]+)"/.exec(filled)![1]!;
  const header = /-H "Authorization: (Bearer \S+)"/.exec(filled)![1]!;
  const api = await playwright.request.newContext();
  const answer = await api.get(url, { headers: { authorization: header } });
  expect(answer.status(), await answer.text()).toBe(200);
  expect(await answer.json()).toMatchObject({ id: projectId, name: projectName });
  await api.dispose();

  // The public signed link is there too, without a token.
  await expect(page.locator("#get_links_secret_fileName").getByText("public", { exact: true })).toBeVisible();
});

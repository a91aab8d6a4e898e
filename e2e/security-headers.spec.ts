import { globSync } from "node:fs";
import { E2E_BASE_URL } from "../playwright.config";
import { ADMIN, signIn } from "./support/accounts";
import { evolvedProject } from "./support/evolved-project";
import { expectPageNonces, expectSecurityHeaders } from "./support/security-headers";
import { expect, test } from "./support/test";

interface Ids {
  project: string;
  run: string;
  node: string;
  root: string;
}
const MISSING = "0190a3c4-0000-7000-8000-000000000000";

/** Who asks, and how: the admin's session, an annotator's, or no session at all; or the spec that reaches the file. */
type Visit =
  | { as: "admin" | "annotator" | "nobody"; url: (ids: Ids) => string; post?: Record<string, string> }
  | { coveredBy: string };

// Every page and route file under app/, with a request that reaches it; the first test fails when one is missing.
const VISITS: Record<string, Visit> = {
  "app/page.tsx": { as: "admin", url: () => "/" },
  "app/sign-in/page.tsx": { as: "nobody", url: () => "/sign-in" },
  "app/not-found.tsx": { as: "admin", url: () => "/no-such-page" },
  "app/forbidden.tsx": { as: "annotator", url: () => "/admin/users" },
  "app/(app)/admin/users/page.tsx": { as: "admin", url: () => "/admin/users" },
  "app/(app)/admin/methods/page.tsx": { as: "admin", url: () => "/admin/methods" },
  "app/(app)/admin/tokens/page.tsx": { as: "admin", url: () => "/admin/tokens" },
  "app/(app)/account/tokens/page.tsx": { as: "annotator", url: () => "/account/tokens" },
  "app/(app)/api-docs/page.tsx": { as: "annotator", url: () => "/api-docs" },
  // The built-in paper method (fixed id, inserted by its migration).
  "app/(app)/admin/methods/[methodId]/page.tsx": {
    as: "admin",
    url: () => "/admin/methods/00000000-0000-7000-8000-000000000001",
  },
  "app/(app)/projects/page.tsx": { as: "admin", url: () => "/projects" },
  "app/(app)/projects/[projectId]/page.tsx": { as: "admin", url: (ids) => `/projects/${ids.project}` },
  "app/(app)/projects/[projectId]/agreement/page.tsx": {
    as: "admin",
    url: (ids) => `/projects/${ids.project}/agreement`,
  },
  "app/(app)/projects/[projectId]/comparisons/new/page.tsx": {
    as: "admin",
    url: (ids) => `/projects/${ids.project}/comparisons/new`,
  },
  // The comparisons spec reaches a real one; here, the not-found answer of an unknown one.
  "app/(app)/projects/[projectId]/comparisons/[comparisonId]/page.tsx": {
    as: "admin",
    url: (ids) => `/projects/${ids.project}/comparisons/${MISSING}`,
  },
  "app/(app)/projects/[projectId]/dashboard/page.tsx": {
    as: "admin",
    url: (ids) => `/projects/${ids.project}/dashboard`,
  },
  "app/(app)/projects/[projectId]/eval-sets/page.tsx": {
    as: "admin",
    url: (ids) => `/projects/${ids.project}/eval-sets`,
  },
  "app/(app)/projects/[projectId]/export/page.tsx": { as: "admin", url: (ids) => `/projects/${ids.project}/export` },
  "app/(app)/projects/[projectId]/review/page.tsx": { as: "admin", url: (ids) => `/projects/${ids.project}/review` },
  "app/(app)/projects/[projectId]/review/[nodeId]/page.tsx": {
    as: "admin",
    url: (ids) => `/projects/${ids.project}/review/${ids.node}`,
  },
  "app/(app)/projects/[projectId]/runs/[runId]/page.tsx": {
    as: "admin",
    url: (ids) => `/projects/${ids.project}/runs/${ids.run}`,
  },
  "app/(app)/projects/[projectId]/runs/new/page.tsx": {
    as: "admin",
    url: (ids) => `/projects/${ids.project}/runs/new`,
  },
  "app/(app)/projects/[projectId]/seeds/import/page.tsx": {
    as: "admin",
    url: (ids) => `/projects/${ids.project}/seeds/import`,
  },
  "app/(app)/projects/[projectId]/settings/page.tsx": {
    as: "admin",
    url: (ids) => `/projects/${ids.project}/settings`,
  },
  "app/(app)/projects/[projectId]/trees/[rootId]/page.tsx": {
    as: "admin",
    url: (ids) => `/projects/${ids.project}/trees/${ids.root}`,
  },
  // Only a page that fails renders it: that spec takes the database away to get there, and checks the headers.
  "app/error.tsx": { coveredBy: "e2e/launcher-faults.spec.ts" },
  "app/api/auth/[...all]/route.ts": { as: "admin", url: () => "/api/auth/get-session" },
  "app/api/health/route.ts": { as: "nobody", url: () => "/api/health" },
  "app/api/projects/[projectId]/exports/[exportId]/route.ts": {
    as: "admin",
    url: (ids) => `/api/projects/${ids.project}/exports/${MISSING}`,
  },
  "app/api/projects/[projectId]/exports/[exportId]/download/route.ts": {
    as: "admin",
    url: (ids) => `/api/projects/${ids.project}/exports/${MISSING}/download`,
  },
  "app/api/projects/[projectId]/exports/near-duplicates/route.ts": {
    as: "admin",
    url: (ids) => `/api/projects/${ids.project}/exports/near-duplicates`,
    post: { request: "{}" },
  },
  "app/api/projects/[projectId]/exports/stream/route.ts": {
    as: "admin",
    url: (ids) => `/api/projects/${ids.project}/exports/stream`,
    post: { options: "{}" },
  },
  "app/api/projects/[projectId]/nodes/[nodeId]/decision/route.ts": {
    as: "admin",
    url: (ids) => `/api/projects/${ids.project}/nodes/${ids.node}/decision`,
    post: { decision: "{}" },
  },
  "app/api/projects/[projectId]/nodes/[nodeId]/text/route.ts": {
    as: "admin",
    url: (ids) => `/api/projects/${ids.project}/nodes/${ids.node}/text?field=instruction&offset=0`,
  },
  "app/api/projects/[projectId]/review-queue/route.ts": {
    as: "admin",
    url: (ids) => `/api/projects/${ids.project}/review-queue`,
  },
  "app/api/v1/links/[secret]/[fileName]/route.ts": {
    as: "nobody",
    url: () => `/api/v1/links/${"x".repeat(43)}/data.jsonl`,
  },
  "app/api/runs/[runId]/progress/route.ts": { as: "admin", url: (ids) => `/api/runs/${ids.run}/progress` },
  // The token API answers a caller without a token 401 (e2e/api-tokens.spec.ts calls it with tokens).
  "app/api/v1/openapi.json/route.ts": { as: "nobody", url: () => "/api/v1/openapi.json" },
  "app/api/v1/projects/route.ts": { as: "nobody", url: () => "/api/v1/projects" },
  "app/api/v1/projects/[projectId]/route.ts": { as: "nobody", url: (ids) => `/api/v1/projects/${ids.project}` },
  // The rest of the REST API, without a token (401, its headers all the same); POST-only routes by POST.
  "app/api/v1/projects/[projectId]/seeds/route.ts": {
    as: "nobody",
    url: (ids) => `/api/v1/projects/${ids.project}/seeds`,
  },
  "app/api/v1/projects/[projectId]/nodes/route.ts": {
    as: "nobody",
    url: (ids) => `/api/v1/projects/${ids.project}/nodes`,
  },
  "app/api/v1/projects/[projectId]/runs/route.ts": {
    as: "nobody",
    url: (ids) => `/api/v1/projects/${ids.project}/runs`,
  },
  "app/api/v1/projects/[projectId]/exports/route.ts": {
    as: "nobody",
    url: (ids) => `/api/v1/projects/${ids.project}/exports`,
  },
  "app/api/v1/projects/[projectId]/decisions/bulk/route.ts": {
    as: "nobody",
    url: (ids) => `/api/v1/projects/${ids.project}/decisions/bulk`,
    post: {},
  },
  "app/api/v1/projects/[projectId]/decisions/bulk/count/route.ts": {
    as: "nobody",
    url: (ids) => `/api/v1/projects/${ids.project}/decisions/bulk/count`,
    post: {},
  },
  "app/api/v1/projects/[projectId]/decisions/bulk/[bulkId]/undo/route.ts": {
    as: "nobody",
    url: (ids) => `/api/v1/projects/${ids.project}/decisions/bulk/${MISSING}/undo`,
    post: {},
  },
  "app/api/v1/nodes/[nodeId]/route.ts": { as: "nobody", url: (ids) => `/api/v1/nodes/${ids.node}` },
  "app/api/v1/nodes/[nodeId]/tree/route.ts": { as: "nobody", url: (ids) => `/api/v1/nodes/${ids.node}/tree` },
  "app/api/v1/nodes/[nodeId]/decision/route.ts": {
    as: "nobody",
    url: (ids) => `/api/v1/nodes/${ids.node}/decision`,
    post: {},
  },
  "app/api/v1/runs/[runId]/route.ts": { as: "nobody", url: (ids) => `/api/v1/runs/${ids.run}` },
  "app/api/v1/runs/[runId]/pause/route.ts": { as: "nobody", url: (ids) => `/api/v1/runs/${ids.run}/pause`, post: {} },
  "app/api/v1/runs/[runId]/resume/route.ts": { as: "nobody", url: (ids) => `/api/v1/runs/${ids.run}/resume`, post: {} },
  "app/api/v1/runs/[runId]/cancel/route.ts": { as: "nobody", url: (ids) => `/api/v1/runs/${ids.run}/cancel`, post: {} },
  "app/api/v1/runs/[runId]/release/route.ts": {
    as: "nobody",
    url: (ids) => `/api/v1/runs/${ids.run}/release`,
    post: {},
  },
  "app/api/v1/runs/[runId]/retry/route.ts": { as: "nobody", url: (ids) => `/api/v1/runs/${ids.run}/retry`, post: {} },
  "app/api/v1/exports/[exportId]/route.ts": { as: "nobody", url: () => `/api/v1/exports/${MISSING}` },
  "app/api/v1/exports/[exportId]/file/route.ts": { as: "nobody", url: () => `/api/v1/exports/${MISSING}/file` },
  "app/api/v1/exports/[exportId]/links/route.ts": {
    as: "nobody",
    url: () => `/api/v1/exports/${MISSING}/links`,
    post: {},
  },
  // DELETE only: a GET is answered 405 by Next, with the same headers.
  "app/api/v1/exports/[exportId]/links/[linkId]/route.ts": {
    as: "nobody",
    url: () => `/api/v1/exports/${MISSING}/links/${MISSING}`,
  },
};

test("the list of visits names every page and route file of the app", () => {
  const files = globSync("app/**/{page,route,not-found,forbidden,unauthorized,error}.{ts,tsx}").map((f) =>
    f.split("\\").join("/"),
  );
  expect(Object.keys(VISITS).sort()).toEqual(files.sort());
});

test("every page and route answers with the security headers, and every script of a page carries the nonce", async ({
  page,
  browser,
  playwright,
}) => {
  test.setTimeout(120_000);
  await signIn(page, ADMIN);
  const projectUrl = await evolvedProject(page, ["Explain why the sky is blue."], 1);
  const run = /\/runs\/([^/?#]+)/.exec(page.url())![1]!;
  const project = new URL(projectUrl).pathname.split("/")[2]!;
  await page.goto(projectUrl);
  const root = /\/trees\/([^/?#]+)/.exec(
    (await page.getByTestId("seed-row").first().getByRole("link").getAttribute("href"))!,
  )![1]!;
  await page.goto(`${projectUrl}/review`);
  const nodeHref = await page.locator('a[href*="/review/"]').first().getAttribute("href");
  const ids: Ids = { project, run, root, node: /\/review\/([^/?#]+)/.exec(nodeHref!)![1]! };

  const annotator = { email: `headers-${Date.now()}@e2e.test`, password: "annotator-password" };
  await page.goto("/admin/users");
  await page.getByLabel("Email").fill(annotator.email);
  await page.getByRole("textbox", { name: "Name", exact: true }).fill("Header Checker");
  await page.getByLabel("Initial password").fill(annotator.password);
  await page.getByRole("button", { name: "Create annotator" }).click();
  await expect(page.getByRole("status")).toContainText(`Created ${annotator.email}`);
  const annotatorContext = await browser.newContext();
  const annotatorPage = await annotatorContext.newPage();
  await signIn(annotatorPage, annotator);
  const nobody = await playwright.request.newContext({ baseURL: E2E_BASE_URL });

  const clients = { admin: page.request, annotator: annotatorPage.request, nobody };
  for (const [file, visit] of Object.entries(VISITS)) {
    if ("coveredBy" in visit) continue;
    const client = clients[visit.as];
    const url = visit.url(ids);
    // Each response as it leaves the server: a redirect is checked itself, not where it leads.
    const response = visit.post
      ? await client.post(url, { form: visit.post, headers: { origin: E2E_BASE_URL }, maxRedirects: 0 })
      : await client.get(url, { maxRedirects: 0 });
    expect(response.status(), file).toBeLessThan(500);
    expectSecurityHeaders(response, file);
    if (file.endsWith(".tsx") && response.status() !== 307) await expectPageNonces(response, file);
  }
  await annotatorContext.close();
  await nobody.dispose();
});

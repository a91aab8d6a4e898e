// The seeds and nodes endpoints of /api/v1 against the built app, over HTTP:
// a dry run and an import of a JSONL body, a form's CSV file, a body large
// enough for the worker-thread parse (the thread's entry must load in the
// built server), a streamed body with no Content-Length past the limit (413),
// then the seed list's search and the nodes list.
import { E2E_BASE_URL } from "../playwright.config";
import { ADMIN, signIn, uniqueName } from "./support/accounts";
import { expect, test } from "./support/test";

test("import seeds over HTTP, see them listed, refuse an oversized stream", async ({ page, playwright }) => {
  test.setTimeout(120_000);
  await signIn(page, ADMIN);
  await page.goto("/account/tokens");
  await page.getByLabel("Token name").fill(uniqueName("seeds token"));
  await page.getByLabel("Scope").selectOption("write");
  await page.getByRole("button", { name: "Create token" }).click();
  const secret = (await page.getByTestId("new-token").locator("code").textContent())!.trim();

  const api = await playwright.request.newContext({ baseURL: E2E_BASE_URL });
  const auth = { authorization: `Bearer ${secret}` };
  const created = await api.post("/api/v1/projects", { headers: auth, data: { name: uniqueName("api seeds") } });
  const project = (await created.json()) as { id: string };
  const seeds = `/api/v1/projects/${project.id}/seeds`;
  const ndjson = { ...auth, "content-type": "application/x-ndjson" };
  const marker = uniqueName("needle").replace(/\s/g, "-");
  const body = [
    JSON.stringify({ instruction: `${marker}: explain tides.`, output: "The moon." }),
    JSON.stringify({ instruction: "Explain rainbows.", output: "Light." }),
    JSON.stringify({ instruction: "Explain rainbows.", output: "Light." }),
  ].join("\n");

  const dry = await api.post(`${seeds}?dry_run=1`, { headers: ndjson, data: Buffer.from(body) });
  expect(dry.status(), await dry.text()).toBe(200);
  expect(await dry.json()).toMatchObject({ dry_run: true, valid: 2, new_seeds: 2, duplicate_count: 1 });

  const imported = await api.post(`${seeds}?file_name=tides.jsonl`, { headers: ndjson, data: Buffer.from(body) });
  expect(imported.status(), await imported.text()).toBe(201);
  expect(await imported.json()).toMatchObject({ imported: 2, duplicates_in_file: 1, file_name: "tides.jsonl" });

  const form = await api.post(seeds, {
    headers: auth,
    multipart: {
      file: { name: "more.csv", mimeType: "text/csv", buffer: Buffer.from("instruction\nExplain eclipses.\n") },
    },
  });
  expect(form.status(), await form.text()).toBe(201);
  expect(await form.json()).toMatchObject({ format: "csv", imported: 1, file_name: "more.csv" });

  // Over 1 MB: parsed in the worker thread, as a large upload on the Import page is.
  const large = Array.from({ length: 5_000 }, (_, i) =>
    JSON.stringify({ instruction: `Large ${i}: ${"describe the water cycle. ".repeat(10)}` }),
  ).join("\n");
  const big = await api.post(seeds, { headers: ndjson, data: Buffer.from(large) });
  expect(big.status(), await big.text()).toBe(201);
  expect(await big.json()).toMatchObject({ imported: 5_000 });

  // A stream with no Content-Length, longer than the 50 MB limit: refused once the cap is passed.
  const chunk = new TextEncoder().encode(`${JSON.stringify({ instruction: "x".repeat(1_000) })}\n`.repeat(1_024));
  let sent = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent > 120 * 1024 * 1024) return controller.close();
      sent += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  const tooLarge = await fetch(`${E2E_BASE_URL}${seeds}`, {
    method: "POST",
    headers: ndjson,
    body: stream,
    duplex: "half",
  } as RequestInit);
  // Next's proxy (proxy.ts) buffers a body up to proxyClientMaxBodySize (60 MB) and cuts the rest; the route refuses it.
  expect(tooLarge.status, await tooLarge.clone().text()).toBe(413);
  expect(await tooLarge.json()).toMatchObject({ error: { code: "TOO_LARGE" } });

  const listed = await api.get(`${seeds}?search=${encodeURIComponent(marker)}`, { headers: auth });
  expect(((await listed.json()) as { data: { instruction: string }[] }).data).toEqual([
    expect.objectContaining({ instruction: `${marker}: explain tides.` }),
  ]);
  const all = (await (await api.get(`${seeds}?limit=1`, { headers: auth })).json()) as { next_cursor: string };
  expect(all.next_cursor).toEqual(expect.any(String));

  const nodes = await api.get(`/api/v1/projects/${project.id}/nodes?seeds=1&limit=200&q=${marker}`, {
    headers: auth,
  });
  expect(nodes.status(), await nodes.text()).toBe(200);
  const [seed] = ((await nodes.json()) as { data: { id: string; seed_id: string }[] }).data;
  expect(seed).toMatchObject({ seed_id: seed!.id, parent_id: null, round: 0 });
  const tree = await api.get(`/api/v1/nodes/${seed!.id}/tree`, { headers: auth });
  expect(await tree.json()).toMatchObject({ seed_id: seed!.id, node_count: 1 });
});

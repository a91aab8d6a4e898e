// The launcher (scripts/start.ts) owns what it starts: whatever fails or is
// killed, nothing is left running, the next start works, and a Postgres that
// dies under the app comes back while pages say what is going on. Each test
// starts its own app on a temporary data folder and ports of its own.
import { chmod, mkdtemp, readlink, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort } from "../tests/setup/free-port";
import {
  descendants,
  health,
  holdPort,
  LAUNCHER_ADMIN,
  postmasterPid,
  startLauncher,
  waitForExit,
  waitForHealthy,
  waitUntilGone,
  type AppPlace,
  type Launcher,
} from "./support/launcher";
import { expectPageNonces, expectSecurityHeaders } from "./support/security-headers";
import { expect, test } from "./support/test";

let place: AppPlace;
const started: Launcher[] = [];

test.beforeEach(async () => {
  const dataDir = await mkdtemp(path.join(tmpdir(), "evol-launcher-"));
  // Open, so that as root the postgres user keeps the cluster here rather than in a shared folder.
  await chmod(dataDir, 0o755);
  place = { dataDir, port: await freePort(), postgresPort: await freePort() };
});

test.afterEach(async ({}, testInfo) => {
  for (const [index, launcher] of started.entries())
    await testInfo.attach(`launcher ${index + 1} output`, { body: launcher.output() });
  for (const launcher of started.splice(0)) {
    const pids = [launcher.pid, ...descendants(launcher.pid)];
    for (const pid of pids) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        // Gone already.
      }
    }
  }
  const cluster = await readlink(path.join(place.dataDir, "postgres", "cluster")).catch(() => null);
  if (cluster) await rm(cluster, { recursive: true, force: true });
  await rm(place.dataDir, { recursive: true, force: true });
});

function start(options: { detached?: boolean } = {}): Launcher {
  const launcher = startLauncher(place, options);
  started.push(launcher);
  return launcher;
}

test("when the web server cannot start (port taken), everything stops and the launcher exits non-zero", async () => {
  test.setTimeout(60_000);
  const blocker = await holdPort(place.port);
  try {
    const launcher = start();
    const code = await waitForExit(launcher.child, 45_000);
    expect(code, launcher.output()).toBe(1);
    expect(launcher.output()).toMatch(/the web server could not start \(exit: code 1\): stopping everything/);
    expect(launcher.output()).toContain("EADDRINUSE");
    expect(launcher.output()).toContain("stopping embedded Postgres");
    expect(descendants(launcher.pid)).toEqual([]);
    const postgres = await postmasterPid(place.dataDir);
    // A clean stop removes the pid file; were it left, it must not name a running server.
    if (postgres) await waitUntilGone([postgres], 1_000);
  } finally {
    blocker.close();
  }
});

test("no process outlives a killed launcher, and a start right after a kill or a stop works", async () => {
  test.setTimeout(150_000);
  // kill -9 of the launcher's whole group, as a supervisor or a closed terminal does.
  const first = start({ detached: true });
  await waitForHealthy(first);
  const firstChildren = descendants(first.pid);
  expect(firstChildren.length).toBeGreaterThanOrEqual(2);
  process.kill(-first.pid, "SIGKILL");
  await waitUntilGone([first.pid, ...firstChildren], 10_000);

  // At once, while the killed Postgres may still be going away.
  const second = start({ detached: true });
  await waitForHealthy(second);
  const secondChildren = descendants(second.pid);
  second.child.kill("SIGTERM");
  // It exits only once everything has stopped: a supervisor may restart it on that exit.
  expect(await waitForExit(second.child, 30_000), second.output()).toBe(0);
  await waitUntilGone(secondChildren, 100);

  const third = start();
  await waitForHealthy(third);
  // kill -9 of the launcher alone: its web server and Postgres notice and stop by themselves.
  const thirdChildren = descendants(third.pid);
  process.kill(third.pid, "SIGKILL");
  await waitUntilGone(thirdChildren, 20_000);
});

test("while Postgres is down pages answer 503 and say so, and all works again once it is restarted", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const launcher = start();
  await waitForHealthy(launcher);
  await page.goto(`${launcher.appUrl}/sign-in`);
  await page.getByLabel("Email").fill(LAUNCHER_ADMIN.email);
  await page.getByLabel("Password").fill(LAUNCHER_ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Projects" })).toBeVisible();

  // Killed, and its port taken by another program for a while: restarting fails until it is let go.
  process.kill((await postmasterPid(place.dataDir))!, "SIGKILL");
  const blocker = await holdPort(place.postgresPort);
  try {
    const down = await health(launcher.appUrl);
    expect(down).toEqual({ status: 503, body: expect.objectContaining({ status: "down" }) });
    const answer = await page.request.get(`${launcher.appUrl}/projects`);
    expect(answer.status()).toBe(503);
    expect(answer.headers()["retry-after"]).toBe("5");
    // app/error.tsx, which e2e/security-headers.spec.ts cannot reach, is checked here.
    expectSecurityHeaders(answer, "app/error.tsx");
    await expectPageNonces(answer, "app/error.tsx");
    const response = await page.goto(`${launcher.appUrl}/projects`);
    expect(response?.status()).toBe(503);
    await expect(page.getByRole("heading", { name: "The database is not reachable" })).toBeVisible();
    await expect(page.getByText("This page will work again when it is back")).toBeVisible();
    const route = await page.request.get(`${launcher.appUrl}/api/runs/0196f0c4-0000-7000-8000-000000000000/progress`);
    expect(route.status()).toBe(503);
    expect((await route.json()).error.code).toBe("DATABASE_UNAVAILABLE");
  } finally {
    blocker.close();
  }
  // The page reloads by itself once the database answers again; the web server was never restarted.
  await expect(page.getByRole("heading", { name: "Projects" })).toBeVisible({ timeout: 30_000 });
  await waitForHealthy(launcher, 20_000);
  expect(launcher.output()).toContain("embedded Postgres stopped unexpectedly (SIGKILL)");
  expect(launcher.output()).toMatch(/restarting embedded Postgres \(try 1 of 3\)/);
  expect(launcher.output()).toContain(`embedded Postgres is running again on 127.0.0.1:${place.postgresPort}`);
});

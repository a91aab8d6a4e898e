import { existsSync } from "node:fs";
import { lstat, readFile, readlink, stat } from "node:fs/promises";
import path from "node:path";
import { expect, test } from "./support/test";
import { freePort } from "../tests/setup/free-port";
import {
  copyProjectToPrivateFolder,
  removePrivateProject,
  SHARED_CLUSTERS,
  startLauncher,
  waitForExit,
  waitForOk,
} from "./support/private-project";

const ADMIN = { email: "root-admin@e2e.test", password: "root-admin-password" };

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

// Postgres refuses to run as root, so as root it runs as the postgres user, which cannot enter a 0700 folder.
test("npm start works as root in a folder only root can enter", async ({ page }) => {
  test.skip(process.getuid?.() !== 0, "only root meets this case (CI runs as root); as another user nothing differs");
  test.setTimeout(90_000);
  const { root, app } = await test.step("copy the project into a 0700 folder", copyProjectToPrivateFolder);
  const port = await freePort();
  const appUrl = `http://localhost:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    EMBEDDED_POSTGRES_PORT: String(await freePort()),
    APP_URL: appUrl,
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    OPENAI_API_KEY: "",
    OPENAI_BASE_URL: "",
    SIMULATOR_URL: "",
  };
  delete env.DATABASE_URL;
  delete env.EVOL_DATA_DIR;
  const launcher = startLauncher(app, env);
  try {
    await test.step("start the launcher", () => waitForOk(`${appUrl}/sign-in`, launcher.child, 60_000));

    // The cluster lives where the postgres user can reach it, and the data folder links to it.
    const link = path.join(app, ".data", "postgres", "cluster");
    expect((await lstat(link)).isSymbolicLink()).toBe(true);
    const cluster = await readlink(link);
    expect(path.dirname(cluster)).toBe(SHARED_CLUSTERS);
    expect((await stat(cluster)).mode & 0o777).toBe(0o700);
    // Postgres runs from the shared copy of the binaries, as the postgres user.
    const pid = Number((await readFile(path.join(cluster, "postmaster.pid"), "utf8")).split("\n")[0]);
    expect(await readlink(`/proc/${pid}/exe`)).toMatch(/^\/var\/lib\/evol-studio\/postgres-[^/]+\/bin\/postgres$/);
    expect((await stat(`/proc/${pid}`)).uid).toBe((await stat(cluster)).uid);
    expect((await stat(cluster)).uid).not.toBe(0);

    await test.step("sign in", async () => {
      await page.goto(`${appUrl}/sign-in`);
      await page.getByLabel("Email").fill(ADMIN.email);
      await page.getByLabel("Password").fill(ADMIN.password);
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page.getByTestId("current-user")).toHaveText(ADMIN.email);
      await expect(page.getByRole("heading", { name: "Projects" })).toBeVisible();
    });

    launcher.child.kill("SIGTERM");
    expect(await test.step("stop the launcher", () => waitForExit(launcher.child, 30_000))).toBe(0);
    expect(isAlive(pid)).toBe(false);
    expect(existsSync(path.join(cluster, "postmaster.pid"))).toBe(false);
  } finally {
    if (launcher.child.exitCode === null) {
      launcher.child.kill("SIGTERM");
      await waitForExit(launcher.child, 30_000).catch(() => launcher.child.kill("SIGKILL"));
    }
    await test.info().attach("launcher output", { body: launcher.output() });
    await removePrivateProject(root, app);
  }
});

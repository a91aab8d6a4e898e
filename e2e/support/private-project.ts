import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { chmod, cp, mkdir, mkdtemp, readlink, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

export const SHARED_CLUSTERS = "/var/lib/evol-studio/clusters";

/**
 * A copy of this project in a folder only root can enter (mode 0700), as a
 * clone in /root is: the tracked files, the generated Prisma client, a real
 * copy of the build (Next may write into it) and hard links for node_modules:
 * in the temp folder, or in .data when that is on another file system.
 */
export async function copyProjectToPrivateFolder(): Promise<{ root: string; app: string }> {
  const source = path.resolve(".");
  const sameDevice = (await stat(tmpdir())).dev === (await stat(path.join(source, "node_modules"))).dev;
  const parent = sameDevice ? tmpdir() : path.join(source, ".data");
  await mkdir(parent, { recursive: true });
  const root = await mkdtemp(path.join(parent, "evol-private-"));
  await chmod(root, 0o700);
  const app = path.join(root, "app");
  const tracked = execFileSync("git", ["ls-files", "-z"], { cwd: source, encoding: "utf8" }).split("\0");
  for (const file of tracked.filter(Boolean)) {
    await cp(path.join(source, file), path.join(app, file)).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== "ENOENT") throw error; // deleted in the working tree, not yet committed
    });
  }
  execFileSync("cp", ["-al", path.join(source, "node_modules"), path.join(app, "node_modules")]);
  await cp(path.join(source, "lib", "generated"), path.join(app, "lib", "generated"), { recursive: true });
  await cp(path.join(source, ".next"), path.join(app, ".next"), {
    recursive: true,
    filter: (file) => file !== path.join(source, ".next", "cache"),
  });
  return { root, app };
}

/** The launcher in `app`, run as `npm start` runs it, its output kept for the test's report. */
export function startLauncher(app: string, env: NodeJS.ProcessEnv): { child: ChildProcess; output: () => string } {
  let output = "";
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    cwd: app,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output };
}

/** Resolves when `url` answers 200; rejects when `child` exits first or after `timeoutMs`. */
export async function waitForOk(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the launcher exited with code ${child.exitCode}`);
    const status = await fetch(url).then(
      (response) => response.status,
      () => 0,
    );
    if (status === 200) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer 200 within ${timeoutMs} ms`);
}

export function waitForExit(child: ChildProcess, timeoutMs: number): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the launcher did not exit within ${timeoutMs} ms`)), timeoutMs);
    child.once("exit", (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

/** Removes the private copy and the cluster it made in the shared folder (not the shared binaries). */
export async function removePrivateProject(root: string, app: string): Promise<void> {
  const cluster = await readlink(path.join(app, ".data", "postgres", "cluster")).catch(() => null);
  if (cluster && path.dirname(cluster) === SHARED_CLUSTERS) await rm(cluster, { recursive: true, force: true });
  await rm(root, { recursive: true, force: true });
}

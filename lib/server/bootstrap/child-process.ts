import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";

export interface OwnedChild {
  readonly child: ChildProcess;
  /** Resolves when it exits, with how ("code 1", "SIGKILL"). */
  readonly exited: Promise<string>;
  /** `signal`, then SIGKILL when it is still running after `deadlineMs`; resolves once it has exited. */
  stop(signal: NodeJS.Signals, deadlineMs: number): Promise<void>;
}

/**
 * Runs `node args…` as a child the launcher owns: in the launcher's own
 * process group (a kill of the group reaches it, as does Ctrl-C) and with an
 * IPC channel, which closes when the launcher dies in any way, even SIGKILL;
 * the child stops then (lib/server/bootstrap/parent-watch.ts). With
 * `onLine`, each line it prints goes there instead of straight to our stdout.
 */
export function spawnOwnedChild(options: {
  args: string[];
  env: NodeJS.ProcessEnv;
  onLine?: (line: string) => void;
}): OwnedChild {
  const child = spawn(process.execPath, options.args, {
    stdio: ["ignore", options.onLine ? "pipe" : "inherit", "inherit", "ipc"],
    env: options.env,
  });
  // The channel only tells the child we are gone; it must not keep us running.
  child.channel?.unref();
  if (options.onLine && child.stdout) {
    createInterface({ input: child.stdout, crlfDelay: Infinity }).on("line", options.onLine);
  }
  const exited = new Promise<string>((resolve) => {
    child.once("exit", (code, signal) => resolve(signal ?? `code ${code}`));
    child.once("error", (error) => resolve(error.message));
  });
  const hasExited = () => child.exitCode !== null || child.signalCode !== null;
  return {
    child,
    exited,
    async stop(signal, deadlineMs) {
      if (hasExited() || child.pid === undefined) return;
      child.kill(signal);
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<"late">((resolve) => (timer = setTimeout(() => resolve("late"), deadlineMs)));
      if ((await Promise.race([exited, late])) === "late") {
        child.kill("SIGKILL");
        await exited;
      }
      clearTimeout(timer);
    },
  };
}

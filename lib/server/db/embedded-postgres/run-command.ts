import { spawn } from "node:child_process";
import type { PostgresUser } from "./postgres-user";

export interface CommandResult {
  /** null when the command could not be run at all (missing, not executable) or died of a signal. */
  code: number | null;
  /** stdout and stderr together, or why the command could not be run. */
  output: string;
}

/**
 * Runs a command to its end without ever throwing, optionally as another user
 * (then with that user's uid and gid only: Node drops supplementary groups, as
 * it does for the server itself). The working folder is `/`, so a command run
 * as the postgres user never starts inside a folder it cannot enter.
 */
export function runCommand(
  command: string,
  args: string[],
  options: { user?: PostgresUser | null; env?: NodeJS.ProcessEnv } = {},
): Promise<CommandResult> {
  return new Promise((resolve) => {
    let output = "";
    const child = spawn(command, args, {
      cwd: "/",
      env: options.env ?? process.env,
      stdio: ["ignore", "pipe", "pipe"],
      ...(options.user ? { uid: options.user.uid, gid: options.user.gid } : {}),
    });
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("error", (error) => resolve({ code: null, output: error.message }));
    child.on("close", (code) => resolve({ code, output }));
  });
}

/** The last few lines of a program's output, for an error message. */
export function lastLines(output: string, count = 8): string {
  return output.trim().split("\n").slice(-count).join("\n");
}

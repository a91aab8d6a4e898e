import { trustedOrigins } from "@/lib/auth/trusted-origins";

const SERVING_LINE = /^\[evol\] serving on (https?:\/\/\S+)/;
const EVERY_INTERFACE = new Set(["0.0.0.0", "[::]"]);

/**
 * Rewrites one line the web server (scripts/web-server.ts, Next inside)
 * prints so the terminal names an address that works: once it listens, the
 * address to open (APP_URL), and a word of warning when it listens where
 * sign-in will refuse, since sign-in accepts only APP_URL (and its loopback
 * aliases). Returns the lines to print instead.
 */
export function annotateNextLine(line: string, appUrl: string): string[] {
  const serving = SERVING_LINE.exec(line);
  if (!serving) return [line];
  const listening = new URL(serving[1]!);
  const lines = [line];
  if (EVERY_INTERFACE.has(listening.hostname)) {
    if (trustedOrigins(appUrl).includes(`http://localhost:${listening.port}`)) {
      lines.push(`[evol] other machines can reach it; signing in from them needs APP_URL set to the address they open`);
    }
  } else if (!trustedOrigins(appUrl).includes(listening.origin)) {
    lines.push(`[evol] signing in at ${listening.origin} needs APP_URL=${listening.origin}`);
  }
  lines.push(`[evol] ready: open ${appUrl}`);
  return lines;
}

import { trustedOrigins } from "@/lib/auth/trusted-origins";

const ANSI = /\u001b\[[0-9;]*m/g;
const ADDRESS_LINE = /^\s*-\s*(Local|Network):\s*(https?:\/\/\S+)/;
const READY_LINE = /✓\s*Ready in/;

/**
 * Rewrites one line Next prints at start so the terminal names an address
 * that works: sign-in accepts only APP_URL (and its loopback aliases), so
 * Next's "Network" address needs a word of warning, and "Ready" is followed
 * by the address to open. Returns the lines to print instead.
 */
export function annotateNextLine(line: string, appUrl: string): string[] {
  const plain = line.replace(ANSI, "");
  const address = ADDRESS_LINE.exec(plain);
  if (address) {
    const origin = new URL(address[2]!).origin;
    if (trustedOrigins(appUrl).includes(origin)) return [line];
    return [`${line}  (signing in there needs APP_URL=${origin})`];
  }
  if (READY_LINE.test(plain)) return [line, `[evol] ready: open ${appUrl}`];
  return [line];
}

import { test as base, expect, type Browser, type BrowserContext } from "@playwright/test";

const MARKER = "[csp-violation]";

/** Reports every Content-Security-Policy violation in `context`'s pages into `seen`. */
async function watchViolations(context: BrowserContext, seen: string[]) {
  await context.addInitScript((marker) => {
    document.addEventListener("securitypolicyviolation", (event) => {
      const where = event.sourceFile ? ` at ${event.sourceFile}:${event.lineNumber}` : "";
      console.error(
        `${marker} ${event.effectiveDirective} blocked ${event.blockedURI || "inline"}${where} on ${location.href}`,
      );
    });
  }, MARKER);
  context.on("console", (message) => {
    const text = message.text();
    // Chromium's own report of a blocked resource, and the event above.
    if (text.startsWith(MARKER) || /Content Security Policy/i.test(text)) seen.push(text);
  });
}

/**
 * Playwright's test, failing any test during which a page reported a
 * Content-Security-Policy violation: every spec doubles as a check that the
 * app works under its CSP (proxy.ts). Contexts a test opens itself (a second
 * user) are watched too.
 */
export const test = base.extend<{ cspViolations: string[] }>({
  cspViolations: [
    async ({ context, browser }, use) => {
      const seen: string[] = [];
      await watchViolations(context, seen);
      const newContext = browser.newContext.bind(browser);
      browser.newContext = (async (...args: Parameters<Browser["newContext"]>) => {
        const created = await newContext(...args);
        await watchViolations(created, seen);
        return created;
      }) as Browser["newContext"];
      // Runs after the test, whether it passed or not.
      await use(seen);
      browser.newContext = newContext;
      expect(seen, "Content-Security-Policy violations").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

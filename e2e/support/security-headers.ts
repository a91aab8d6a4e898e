import { expect } from "./test";

/** A response of Playwright's, from a page or from its request API. */
type Answer = { headers(): Record<string, string>; text(): Promise<string> };

/** The headers proxy.ts puts on every page and route (e2e/security-headers.spec.ts visits them all). */
export function expectSecurityHeaders(response: Answer, where: string) {
  const headers = response.headers();
  const framedByUs = where.endsWith("exports/stream/route.ts");
  const csp = headers["content-security-policy"] ?? "";
  expect(csp, where).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'(;|$)/);
  for (const directive of [
    "default-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    `frame-ancestors ${framedByUs ? "'self'" : "'none'"}`,
  ]) {
    expect(csp, where).toContain(directive);
  }
  expect(headers["x-content-type-options"], where).toBe("nosniff");
  // A signed link's secret is in its path (decision 0032).
  expect(headers["referrer-policy"], where).toBe(where.startsWith("app/api/v1/links/") ? "no-referrer" : "same-origin");
  expect(headers["x-frame-options"], where).toBe(framedByUs ? "SAMEORIGIN" : "DENY");
  // APP_URL is http here: no HSTS (tests/integration and lib/server/http cover https).
  expect(headers["strict-transport-security"], where).toBeUndefined();
}

/** Every script of a page carries the nonce its Content-Security-Policy names. */
export async function expectPageNonces(response: Answer, where: string) {
  const nonce = /'nonce-([^']+)'/.exec(response.headers()["content-security-policy"]!)![1];
  const html = await response.text();
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length, where).toBeGreaterThan(0);
  for (const script of scripts) expect(script, where).toContain(`nonce="${nonce}"`);
}

// The headers proxy.ts puts on every page and route handler response.

/**
 * Paths our own pages load in a hidden frame: "Download now" posts its form
 * into one, so an error shows in the page while a download is saved. Framing
 * them stays limited to this origin.
 */
const SAME_ORIGIN_FRAMES = /^\/api\/projects\/[^/]+\/exports\/stream\/?$/;

/** Signed dataset links (decision 0032): their secret is in the path, so no page they lead to may see it. */
const SECRET_PATHS = /^\/api\/v1\/links\//;

/**
 * The Content-Security-Policy for one response. Scripts run only with this
 * response's nonce (Next puts it on its own scripts) or when loaded by such a
 * script ('strict-dynamic'); `<style>` elements need the nonce too, while
 * style attributes are allowed: React renders widths and offsets (progress
 * bars, virtual lists, charts) as inline styles.
 */
export function contentSecurityPolicy(options: { nonce: string; dev: boolean; https: boolean; pathname: string }) {
  const { nonce, dev } = options;
  const directives = [
    "default-src 'self'",
    // Next's dev server needs eval (React's error overlay) and injects styles without a nonce.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    dev ? "style-src 'self' 'unsafe-inline'" : `style-src 'self' 'nonce-${nonce}'`,
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    `frame-ancestors ${SAME_ORIGIN_FRAMES.test(options.pathname) ? "'self'" : "'none'"}`,
    ...(options.https ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}

/** Every security header of one response; `appUrl` (APP_URL) decides whether HTTPS-only ones apply. */
export function securityHeaders(options: {
  nonce: string;
  dev: boolean;
  appUrl: string;
  pathname: string;
}): Record<string, string> {
  const https = options.appUrl.startsWith("https://");
  return {
    "Content-Security-Policy": contentSecurityPolicy({ ...options, https }),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": SECRET_PATHS.test(options.pathname) ? "no-referrer" : "same-origin",
    "X-Frame-Options": SAME_ORIGIN_FRAMES.test(options.pathname) ? "SAMEORIGIN" : "DENY",
    ...(https ? { "Strict-Transport-Security": "max-age=31536000" } : {}),
  };
}

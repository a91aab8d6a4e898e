const ALLOWED_PROTOCOLS = new Set(["http:", "https:", "mailto:"]);

/**
 * The URL to put in a link's href, or null when it must not be a link. Only absolute
 * http(s) and mailto URLs pass (normalised the way a browser reads them, so tricks like
 * "java\tscript:" are caught), plus same-page fragments ("#fn-1", used by footnotes).
 */
export function safeHref(url: string): string | null {
  const value = url.trim();
  if (value.startsWith("#")) return /[\s\p{Cc}]/u.test(value) ? null : value;
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    return null;
  }
  return ALLOWED_PROTOCOLS.has(parsed.protocol) ? parsed.href : null;
}

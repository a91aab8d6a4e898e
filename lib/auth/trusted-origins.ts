const LOOPBACK_HOSTS = ["localhost", "127.0.0.1", "[::1]"];

/**
 * The origins a browser may sign in from: APP_URL's, and when APP_URL names
 * this machine (localhost, 127.0.0.1 or [::1]), the other two names of it on
 * the same scheme and port — people open whichever their terminal shows.
 */
export function trustedOrigins(appUrl: string): string[] {
  const url = new URL(appUrl);
  if (!LOOPBACK_HOSTS.includes(url.hostname)) return [url.origin];
  const others = LOOPBACK_HOSTS.filter((host) => host !== url.hostname).map((host) => {
    const alias = new URL(url.origin);
    alias.hostname = host;
    return alias.origin;
  });
  return [url.origin, ...others];
}

/** Whether a page opened at `origin` can sign in. */
export function isTrustedOrigin(origin: string, appUrl: string): boolean {
  return trustedOrigins(appUrl).includes(new URL(origin).origin);
}

import { NextResponse, type NextRequest } from "next/server";
import { getEnv } from "@/lib/server/config/env";
import { securityHeaders } from "@/lib/server/http/security-headers";

/**
 * Security headers on every page and route handler, with a fresh CSP nonce
 * per request. Next reads the nonce from the request's Content-Security-Policy
 * header and puts it on its scripts, which is why pages render per request
 * (app/layout.tsx).
 */
export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const headers = securityHeaders({
    nonce,
    dev: process.env.NODE_ENV === "development",
    appUrl: getEnv().APP_URL,
    pathname: request.nextUrl.pathname,
  });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("content-security-policy", headers["Content-Security-Policy"]!);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const config = {
  // Not on build assets, which carry no page.
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};

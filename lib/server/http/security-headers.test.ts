import { describe, expect, it } from "vitest";
import { securityHeaders } from "./security-headers";

const directives = (csp: string) => new Map(csp.split("; ").map((d) => [d.split(" ")[0], d.split(" ").slice(1)]));

describe("securityHeaders", () => {
  it("allows scripts and style elements only with the response's nonce, and no framing, plugins or foreign forms", () => {
    const headers = securityHeaders({ nonce: "abc123", dev: false, appUrl: "http://localhost:3000", pathname: "/" });
    const csp = directives(headers["Content-Security-Policy"]!);
    expect(csp.get("script-src")).toEqual(["'self'", "'nonce-abc123'", "'strict-dynamic'"]);
    expect(csp.get("style-src")).toEqual(["'self'", "'nonce-abc123'"]);
    expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
    expect(csp.get("object-src")).toEqual(["'none'"]);
    expect(csp.get("base-uri")).toEqual(["'self'"]);
    expect(csp.get("form-action")).toEqual(["'self'"]);
    expect(csp.has("upgrade-insecure-requests")).toBe(false);
    expect(headers).toMatchObject({
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "same-origin",
      "X-Frame-Options": "DENY",
    });
    expect(headers["Strict-Transport-Security"]).toBeUndefined();
  });

  it("adds HSTS and upgrades requests when APP_URL is https", () => {
    const headers = securityHeaders({ nonce: "n", dev: false, appUrl: "https://evol.example.org", pathname: "/" });
    expect(headers["Strict-Transport-Security"]).toBe("max-age=31536000");
    expect(directives(headers["Content-Security-Policy"]!).has("upgrade-insecure-requests")).toBe(true);
  });

  it("lets only this origin frame the Download now stream, which the export page posts into a hidden frame", () => {
    const headers = securityHeaders({
      nonce: "n",
      dev: false,
      appUrl: "http://localhost:3000",
      pathname: "/api/projects/0190a3c4-0000-7000-8000-000000000000/exports/stream",
    });
    expect(directives(headers["Content-Security-Policy"]!).get("frame-ancestors")).toEqual(["'self'"]);
    expect(headers["X-Frame-Options"]).toBe("SAMEORIGIN");
  });

  it("sends no referrer from a signed link, whose secret is in its path", () => {
    const link = securityHeaders({
      nonce: "n",
      dev: false,
      appUrl: "http://localhost:3000",
      pathname: "/api/v1/links/abc/data.jsonl",
    });
    expect(link["Referrer-Policy"]).toBe("no-referrer");
    const other = securityHeaders({ nonce: "n", dev: false, appUrl: "http://localhost:3000", pathname: "/api/v1" });
    expect(other["Referrer-Policy"]).toBe("same-origin");
  });

  it("allows what Next's dev server needs only in dev", () => {
    const dev = directives(
      securityHeaders({ nonce: "n", dev: true, appUrl: "http://localhost:3000", pathname: "/" })[
        "Content-Security-Policy"
      ]!,
    );
    expect(dev.get("script-src")).toContain("'unsafe-eval'");
    expect(dev.get("style-src")).toContain("'unsafe-inline'");
  });
});

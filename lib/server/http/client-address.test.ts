import { describe, expect, it } from "vitest";
import { deriveClientAddress, normalizeAddress, parseProxyEntry, trustedProxies } from "./client-address";

const none = trustedProxies([]);
const proxy = trustedProxies(["10.0.0.5", "172.16.0.0/12", "fd00::/8"]);

describe("deriveClientAddress", () => {
  it("keys on the socket's peer and ignores X-Forwarded-For when no proxy is trusted", () => {
    for (const forwardedFor of [undefined, "198.51.100.1", "198.51.100.2, 10.0.0.5", ["203.0.113.9", "1.2.3.4"]]) {
      expect(deriveClientAddress({ socketAddress: "127.0.0.1", forwardedFor, isTrustedProxy: none })).toBe("127.0.0.1");
    }
  });

  it("ignores X-Forwarded-For from a peer that is not one of the trusted proxies", () => {
    expect(
      deriveClientAddress({ socketAddress: "192.0.2.77", forwardedFor: "198.51.100.1", isTrustedProxy: proxy }),
    ).toBe("192.0.2.77");
  });

  it("takes the right-most entry that is not a trusted proxy when the peer is one", () => {
    // What the client sent itself (6.6.6.6), then what our proxy appended: the client's real address.
    expect(
      deriveClientAddress({ socketAddress: "10.0.0.5", forwardedFor: "6.6.6.6, 198.51.100.4", isTrustedProxy: proxy }),
    ).toBe("198.51.100.4");
    // Two proxies of ours in a row: both skipped.
    expect(
      deriveClientAddress({
        socketAddress: "10.0.0.5",
        forwardedFor: "6.6.6.6, 198.51.100.4, 172.20.1.1",
        isTrustedProxy: proxy,
      }),
    ).toBe("198.51.100.4");
    // Headers repeated on separate lines count as one list, in order.
    expect(
      deriveClientAddress({
        socketAddress: "10.0.0.5",
        forwardedFor: ["6.6.6.6", "198.51.100.4"],
        isTrustedProxy: proxy,
      }),
    ).toBe("198.51.100.4");
  });

  it("falls back to the proxy when the client's entry is missing or malformed, never to a forged key", () => {
    expect(deriveClientAddress({ socketAddress: "10.0.0.5", forwardedFor: undefined, isTrustedProxy: proxy })).toBe(
      "10.0.0.5",
    );
    expect(
      deriveClientAddress({
        socketAddress: "10.0.0.5",
        forwardedFor: "198.51.100.4, not-an-ip",
        isTrustedProxy: proxy,
      }),
    ).toBe("10.0.0.5");
  });

  it("takes the first hop when every hop is a trusted proxy", () => {
    expect(
      deriveClientAddress({ socketAddress: "10.0.0.5", forwardedFor: "172.16.3.3, 10.0.0.5", isTrustedProxy: proxy }),
    ).toBe("172.16.3.3");
  });

  it("reads IPv4-mapped, bracketed and ported addresses as the plain address", () => {
    expect(
      deriveClientAddress({ socketAddress: "::ffff:127.0.0.1", forwardedFor: undefined, isTrustedProxy: none }),
    ).toBe("127.0.0.1");
    expect(
      deriveClientAddress({
        socketAddress: "::ffff:10.0.0.5",
        forwardedFor: "[2001:DB8::1]:4711",
        isTrustedProxy: proxy,
      }),
    ).toBe("2001:db8::1");
    expect(
      deriveClientAddress({ socketAddress: "fd12::1", forwardedFor: "198.51.100.4:5678", isTrustedProxy: proxy }),
    ).toBe("198.51.100.4");
  });

  it("names a request whose socket is gone 'unknown'", () => {
    expect(deriveClientAddress({ socketAddress: undefined, forwardedFor: "1.2.3.4", isTrustedProxy: proxy })).toBe(
      "unknown",
    );
  });
});

describe("trusted proxy entries", () => {
  it("accepts addresses and CIDR ranges of both families and refuses anything else", () => {
    expect(parseProxyEntry("10.0.0.0/8")).toEqual({ address: "10.0.0.0", prefix: 8, family: "ipv4" });
    expect(parseProxyEntry(" 2001:DB8::/32 ")).toEqual({ address: "2001:db8::", prefix: 32, family: "ipv6" });
    expect(parseProxyEntry("192.0.2.1")).toEqual({ address: "192.0.2.1", prefix: 32, family: "ipv4" });
    for (const bad of ["10.0.0.0/33", "proxy.local", "10.0.0.0/8/1", "10.0.0.0/", "::1/129", ""]) {
      expect(parseProxyEntry(bad)).toBeNull();
    }
  });

  it("matches addresses inside a range only", () => {
    expect(proxy("172.31.255.255")).toBe(true);
    expect(proxy("172.32.0.0")).toBe(false);
    expect(proxy("::ffff:10.0.0.5")).toBe(true);
    expect(proxy("fd99::7")).toBe(true);
    expect(proxy("not-an-ip")).toBe(false);
  });

  it("normalizes what it can read and refuses the rest", () => {
    expect(normalizeAddress("FE80::1%eth0")).toBe("fe80::1");
    expect(normalizeAddress("unknown")).toBeNull();
  });
});

import { BlockList, isIP } from "node:net";

/**
 * The request header our HTTP server (lib/server/http/app-server.ts) sets to
 * the client's address, after deleting any copy the client sent. Sign-in
 * limits and better-auth read the address from here and nowhere else.
 */
export const CLIENT_ADDRESS_HEADER = "x-evol-client-address";

/** What is left when the socket is already gone: one shared, conservative bucket. */
export const UNKNOWN_ADDRESS = "unknown";

/** An IP address in one spelling: lower case, IPv4-mapped IPv6 as plain IPv4; null when `value` is not an IP. */
export function normalizeAddress(value: string): string | null {
  let address = value.trim().toLowerCase();
  // Some proxies write a port ("192.0.2.1:5678", "[2001:db8::1]:5678") or brackets; a zone ("fe80::1%eth0")
  // is not part of the address.
  address = address.replace(/^(\d+\.\d+\.\d+\.\d+):\d+$/, "$1").replace(/^\[(.*)\](:\d+)?$/, "$1");
  address = address.replace(/%.*$/, "");
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(address);
  if (mapped) address = mapped[1]!;
  return isIP(address) ? address : null;
}

/** A TRUSTED_PROXIES entry, an address or a CIDR range, in canonical form; null when it is neither. */
export function parseProxyEntry(entry: string): { address: string; prefix: number; family: "ipv4" | "ipv6" } | null {
  const [rawAddress, rawPrefix, extra] = entry.trim().split("/");
  if (extra !== undefined || rawAddress === undefined) return null;
  const address = normalizeAddress(rawAddress);
  if (!address) return null;
  const family = isIP(address) === 4 ? "ipv4" : "ipv6";
  const bits = family === "ipv4" ? 32 : 128;
  if (rawPrefix === undefined) return { address, prefix: bits, family };
  if (!/^\d{1,3}$/.test(rawPrefix) || Number(rawPrefix) > bits) return null;
  return { address, prefix: Number(rawPrefix), family };
}

/** Whether an address belongs to one of the configured proxies. */
export type TrustedProxies = (address: string) => boolean;

/** A matcher for TRUSTED_PROXIES entries (already validated by the config schema; bad ones are skipped). */
export function trustedProxies(entries: readonly string[]): TrustedProxies {
  const list = new BlockList();
  let any = false;
  for (const entry of entries) {
    const parsed = parseProxyEntry(entry);
    if (!parsed) continue;
    list.addSubnet(parsed.address, parsed.prefix, parsed.family);
    any = true;
  }
  if (!any) return () => false;
  return (address) => {
    const normalized = normalizeAddress(address);
    if (!normalized) return false;
    return list.check(normalized, isIP(normalized) === 4 ? "ipv4" : "ipv6");
  };
}

/**
 * The address a request comes from. The socket's peer, unless that peer is a
 * trusted proxy: then the right-most X-Forwarded-For entry that is not itself
 * a trusted proxy (every entry left of it was written by someone we do not
 * trust, so it may be forged). A malformed entry where the client's should be
 * falls back to the proxy's own address rather than a key the client chose.
 */
export function deriveClientAddress(input: {
  socketAddress: string | undefined;
  forwardedFor: string | string[] | undefined;
  isTrustedProxy: TrustedProxies;
}): string {
  const peer = input.socketAddress ? normalizeAddress(input.socketAddress) : null;
  if (!peer) return UNKNOWN_ADDRESS;
  if (!input.isTrustedProxy(peer)) return peer;
  const hops = [input.forwardedFor ?? []]
    .flat()
    .flatMap((value) => value.split(","))
    .map((hop) => hop.trim())
    .filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = normalizeAddress(hops[i]!);
    if (!hop) return peer;
    if (!input.isTrustedProxy(hop)) return hop;
  }
  // Every hop is one of our proxies (a request from inside): the first of them is the client.
  return (hops[0] && normalizeAddress(hops[0])) || peer;
}

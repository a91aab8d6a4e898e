import { randomFillSync } from "node:crypto";

let lastMs = 0;
let sequence = 0;

// Random bytes are drawn 4 KB at a time (as the uuid package does): one call into the system's generator per 256
// ids instead of one per id, which a worker making thousands of ids a second noticed.
const POOL = Buffer.alloc(4096);
let poolOffset = POOL.length;
const bytes = Buffer.alloc(16);

function fillRandom(target: Buffer): void {
  if (poolOffset + target.length > POOL.length) {
    randomFillSync(POOL);
    poolOffset = 0;
  }
  POOL.copy(target, 0, poolOffset, poolOffset + target.length);
  poolOffset += target.length;
}

/**
 * A UUIDv7 (RFC 9562): time-ordered, so ids made in one import sort in file
 * order; the same kind Prisma's `uuid(7)` default makes.
 */
export function uuid7(): string {
  const now = Date.now();
  if (now > lastMs) {
    lastMs = now;
    sequence = 0;
  } else if (++sequence > 0xfff) {
    // Within one millisecond a 12-bit counter keeps ids increasing; past it,
    // borrow the next millisecond.
    lastMs += 1;
    sequence = 0;
  }
  const ms = lastMs;
  fillRandom(bytes);
  bytes.writeUIntBE(ms, 0, 6);
  bytes[6] = 0x70 | (sequence >> 8);
  bytes[7] = sequence & 0xff;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

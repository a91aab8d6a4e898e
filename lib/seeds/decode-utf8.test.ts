import { describe, expect, it } from "vitest";
import { decodeSeedBytes, firstInvalidUtf8Offset, formatBytes } from "./decode-utf8";
import { SeedFileError } from "./seed-file-error";

const bytes = (...b: number[]): Uint8Array => Uint8Array.from(b);

describe("firstInvalidUtf8Offset", () => {
  it("returns -1 for valid multi-byte text", () => {
    expect(firstInvalidUtf8Offset(new TextEncoder().encode("añ€😀中"))).toBe(-1);
  });

  it.each([
    ["lone continuation byte", bytes(0x61, 0x62, 0x63, 0x80), 3],
    ["0xFF", bytes(0x61, 0xff, 0x62), 1],
    ["overlong 2-byte (C0 80)", bytes(0xc0, 0x80), 0],
    ["overlong 3-byte (E0 80 80)", bytes(0x61, 0xe0, 0x80, 0x80), 1],
    ["UTF-16 surrogate (ED A0 80)", bytes(0xed, 0xa0, 0x80), 0],
    ["above U+10FFFF (F4 90 80 80)", bytes(0x61, 0x61, 0xf4, 0x90, 0x80, 0x80), 2],
    ["truncated sequence at end", bytes(0x61, 0xe2, 0x82), 1],
    ["lead byte followed by ASCII", bytes(0xc3, 0x41), 0],
  ])("finds %s", (_name, input, offset) => {
    expect(firstInvalidUtf8Offset(input)).toBe(offset);
  });

  it("agrees with the platform decoder on random byte strings", () => {
    let seed = 7;
    const next = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648);
    const fatal = new TextDecoder("utf-8", { fatal: true });
    for (let n = 0; n < 2000; n++) {
      const len = next() % 12;
      // Bias towards high bytes so plenty of sequences are both valid and invalid.
      const input = Uint8Array.from({ length: len }, () => (next() % 3 === 0 ? next() % 128 : 0x80 + (next() % 128)));
      let valid = true;
      try {
        fatal.decode(input);
      } catch {
        valid = false;
      }
      expect(firstInvalidUtf8Offset(input) === -1, `bytes ${Array.from(input).join(",")}`).toBe(valid);
    }
  });
});

describe("decodeSeedBytes", () => {
  it("strips a UTF-8 BOM", () => {
    expect(decodeSeedBytes(bytes(0xef, 0xbb, 0xbf, 0x68, 0x69), 100)).toBe("hi");
  });

  it("rejects files over the limit, naming size and limit", () => {
    const big = new Uint8Array(3 * 1024 * 1024 + 1);
    expect(() => decodeSeedBytes(big, 2 * 1024 * 1024)).toThrow(
      /too large: 3\.0 MiB \(3145729 bytes\); the limit is 2\.0 MiB/,
    );
  });

  it("accepts a file exactly at the limit", () => {
    expect(decodeSeedBytes(new TextEncoder().encode("abc"), 3)).toBe("abc");
  });

  it("reports the line and byte offset of the first bad byte", () => {
    const input = new Uint8Array([...new TextEncoder().encode("ok\nstill ok\nbad "), 0xff, 0x0a]);
    expect(() => decodeSeedBytes(input, 1000)).toThrow(SeedFileError);
    expect(() => decodeSeedBytes(input, 1000)).toThrow(/line 3, byte offset 16 \(byte 0xFF\)/);
  });

  it("names UTF-16 explicitly", () => {
    expect(() => decodeSeedBytes(bytes(0xff, 0xfe, 0x61, 0x00), 100)).toThrow(/UTF-16/);
  });
});

describe("formatBytes", () => {
  it("uses binary units", () => {
    expect(formatBytes(512)).toBe("512 bytes");
    expect(formatBytes(1536)).toBe("1.5 KiB");
    expect(formatBytes(50 * 1024 * 1024)).toBe("50.0 MiB");
  });
});

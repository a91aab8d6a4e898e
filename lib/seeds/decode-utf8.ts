import { SeedFileError } from "./seed-file-error";

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} bytes`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / (1024 * 1024)).toFixed(1)} MiB`;
}

// Byte ranges from the Unicode standard (table 3-7): the second byte of a
// sequence is restricted for E0/ED/F0/F4 to exclude overlongs and surrogates.
function sequenceShape(lead: number): { need: number; lo: number; hi: number } | null {
  if (lead >= 0xc2 && lead <= 0xdf) return { need: 1, lo: 0x80, hi: 0xbf };
  if (lead === 0xe0) return { need: 2, lo: 0xa0, hi: 0xbf };
  if (lead === 0xed) return { need: 2, lo: 0x80, hi: 0x9f };
  if (lead >= 0xe1 && lead <= 0xef) return { need: 2, lo: 0x80, hi: 0xbf };
  if (lead === 0xf0) return { need: 3, lo: 0x90, hi: 0xbf };
  if (lead >= 0xf1 && lead <= 0xf3) return { need: 3, lo: 0x80, hi: 0xbf };
  if (lead === 0xf4) return { need: 3, lo: 0x80, hi: 0x8f };
  return null;
}

// Offset of the first byte that starts an invalid sequence, or -1. Only run
// after TextDecoder has already rejected the input, so speed is secondary.
export function firstInvalidUtf8Offset(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i] ?? 0;
    if (lead < 0x80) {
      i++;
      continue;
    }
    const shape = sequenceShape(lead);
    if (!shape) return i;
    for (let k = 1; k <= shape.need; k++) {
      const b = bytes[i + k];
      const lo = k === 1 ? shape.lo : 0x80;
      const hi = k === 1 ? shape.hi : 0xbf;
      if (b === undefined || b < lo || b > hi) return i;
    }
    i += shape.need + 1;
  }
  return -1;
}

function lineOfByte(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

function hex(b: number | undefined): string {
  return "0x" + (b ?? 0).toString(16).toUpperCase().padStart(2, "0");
}

/** Refuses a file over the size limit, saying its size and the limit. */
export function assertWithinSize(bytes: Uint8Array, maxBytes: number): void {
  if (bytes.byteLength > maxBytes) {
    throw new SeedFileError(
      `File is too large: ${formatBytes(bytes.byteLength)} (${bytes.byteLength} bytes); the limit is ${formatBytes(maxBytes)}.`,
    );
  }
}

export function decodeSeedBytes(bytes: Uint8Array, maxBytes: number): string {
  assertWithinSize(bytes, maxBytes);
  const b0 = bytes[0];
  const b1 = bytes[1];
  if ((b0 === 0xff && b1 === 0xfe) || (b0 === 0xfe && b1 === 0xff)) {
    throw new SeedFileError("File is UTF-16 encoded; please save it as UTF-8 and upload again.");
  }
  try {
    // ignoreBOM defaults to false, which means the decoder strips a UTF-8 BOM.
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    const offset = firstInvalidUtf8Offset(bytes);
    const where =
      offset < 0 ? "" : ` at line ${lineOfByte(bytes, offset)}, byte offset ${offset} (byte ${hex(bytes[offset])})`;
    throw new SeedFileError(
      `File is not valid UTF-8: invalid byte sequence${where}. Save the file as UTF-8 and upload again.`,
    );
  }
}

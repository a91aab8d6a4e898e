/** Target size of one yielded chunk: big enough to keep per-chunk overhead low, small enough to stream. */
export const CHUNK_BYTES = 64 * 1024;

const encoder = new TextEncoder();

/**
 * Collects small strings and encodes them to UTF-8 once ~64 KB have
 * gathered, so a stream of 1 KB records becomes a stream of 64 KB chunks
 * instead of thousands of tiny writes. Counted in UTF-16 units, which is a
 * lower bound on the byte size: a chunk is 64 KB of ASCII or up to ~3x
 * that for CJK text.
 */
export class TextChunker {
  private parts: string[] = [];
  private pending = 0;

  push(text: string): void {
    this.parts.push(text);
    this.pending += text.length;
  }

  /** The gathered text as a chunk once it reaches the target size, else null. */
  takeFull(): Uint8Array | null {
    return this.pending >= CHUNK_BYTES ? this.flush() : null;
  }

  /** Whatever is gathered, even if small; null when nothing is pending. */
  flush(): Uint8Array | null {
    if (this.parts.length === 0) return null;
    const chunk = encoder.encode(this.parts.join(""));
    this.parts = [];
    this.pending = 0;
    return chunk;
  }
}

/** Cuts a large buffer into views of at most CHUNK_BYTES (no copy). */
export function* sliceChunks(bytes: Uint8Array): Generator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += CHUNK_BYTES) yield bytes.subarray(at, at + CHUNK_BYTES);
}

/**
 * The UTF-8 bytes of a column's strings, written into ONE buffer, each value a
 * view into it (null stays null). Handed to hyparquet-writer instead of strings,
 * a row group's text column costs one ArrayBuffer instead of one per value: the
 * writer turns every string of a UTF8 column into its own Uint8Array before it
 * writes the pages (decision 0050). Lone surrogates become U+FFFD, as TextEncoder
 * writes them.
 */
export function utf8Views(values: readonly (string | null)[]): (Uint8Array | null)[] {
  let total = 0;
  for (const value of values) if (value !== null) total += Buffer.byteLength(value, "utf8");
  // Never from Node's shared pool: the views keep this buffer, and only this one, alive.
  const bytes = Buffer.allocUnsafeSlow(total);
  const views: (Uint8Array | null)[] = new Array(values.length);
  let at = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!;
    if (value === null) {
      views[i] = null;
      continue;
    }
    const written = bytes.write(value, at, "utf8");
    views[i] = new Uint8Array(bytes.buffer, bytes.byteOffset + at, written);
    at += written;
  }
  return views;
}

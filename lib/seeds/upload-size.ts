// Checked in the browser before anything is sent, with the limit the server
// applies (the page passes it), so an oversized upload is refused at once
// with the limit in the message instead of failing on the way.

const mb = (bytes: number) => (bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, "");

/** Why a file is too large to upload, or null when it fits. */
export function fileSizeProblem(file: { name: string; size: number }, maxBytes: number): string | null {
  if (file.size <= maxBytes) return null;
  const size = mb(file.size) === mb(maxBytes) ? `over ${mb(maxBytes)}` : mb(file.size);
  return `${file.name} is ${size} MB; the limit is ${mb(maxBytes)} MB. Split the file.`;
}

/**
 * UTF-8 size of pasted text, read cheaply: a string is never fewer bytes than
 * UTF-16 units nor more than three per unit, so only text between the two
 * bounds is measured (by the browser's own encoder).
 */
export function pastedSize(text: string, maxBytes: number): number {
  if (text.length > maxBytes || text.length * 3 <= maxBytes) return text.length;
  return new Blob([text]).size;
}

/** Why pasted text is too large to send, or null when it fits. */
export function pasteSizeProblem(text: string, maxBytes: number): string | null {
  const size = pastedSize(text, maxBytes);
  if (size <= maxBytes) return null;
  return `The pasted text is ${text.length > maxBytes ? "at least " : ""}${mb(size)} MB; the limit is ${mb(maxBytes)} MB. Split it, or upload the parts as files.`;
}

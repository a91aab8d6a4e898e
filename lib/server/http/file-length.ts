import type { ServerResponse } from "node:http";

/**
 * Next drops content-length from route handlers' answers (it may compress
 * them), so a HEAD of a download would not say the file's size, which fsspec
 * (under datasets and pandas) reads before it asks for ranges. A file answer
 * names its length in this header instead (lib/routes/file-response.ts).
 */
export const FILE_LENGTH_HEADER = "x-evol-file-length";

/** Turns FILE_LENGTH_HEADER into content-length as the answer's head is written, unless its body is encoded. */
export function restoreFileLength(res: ServerResponse): void {
  const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => ServerResponse;
  res.writeHead = ((...args: unknown[]) => {
    const length = res.getHeader(FILE_LENGTH_HEADER);
    if (length !== undefined) {
      res.removeHeader(FILE_LENGTH_HEADER);
      if (res.getHeader("content-encoding") === undefined && /^\d+$/.test(String(length)))
        res.setHeader("content-length", String(length));
    }
    return writeHead(...args);
  }) as ServerResponse["writeHead"];
}

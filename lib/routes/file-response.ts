import { FILE_LENGTH_HEADER } from "@/lib/server/http/file-length";
import { parseByteRange, type ByteRange } from "./byte-range";

/**
 * A file answered as a download: the body streams as it is read, the browser
 * saves it under `name` (an ASCII fallback plus the exact UTF-8 name), and
 * nothing caches it.
 */
export function fileResponse(options: {
  /** Null for a HEAD answer: the headers (content-length too) without the bytes. */
  body: ReadableStream<Uint8Array> | null;
  name: string;
  contentType: string;
  size?: number;
  headers?: Record<string, string>;
}): Response {
  const headers: Record<string, string> = {
    "content-type": options.contentType,
    "content-disposition": `attachment; filename="${options.name.replace(/[^\w.-]/g, "_")}"; filename*=UTF-8''${encodeURIComponent(options.name)}`,
    "cache-control": "no-store",
    ...options.headers,
  };
  if (options.size !== undefined) {
    headers["content-length"] = String(options.size);
    // Next drops content-length; the app's server puts it back from this (lib/server/http/file-length.ts).
    headers[FILE_LENGTH_HEADER] = String(options.size);
  }
  return new Response(options.body, { headers });
}

/** A file on disk, as services find it (lib/server/export/open-export-file.ts). */
export interface FileOnDisk {
  name: string;
  size: number;
  contentType: string;
  etag: string;
}

/**
 * A found file answered to `request`: HEAD gets the headers alone, a single
 * `Range` its bytes (206; 416 past the end), unless an `If-Range` names
 * another version, then the whole file. Tools that read datasets over HTTP
 * (fsspec under datasets and pandas) ask HEAD first, then ranges.
 */
export function fileDownload<F extends FileOnDisk>(options: {
  request: Request;
  file: F;
  stream: (file: F, range?: ByteRange) => ReadableStream<Uint8Array>;
  headers?: Record<string, string>;
}): Response {
  const { request, file } = options;
  const ifRange = request.headers.get("if-range");
  const range = ifRange && ifRange !== file.etag ? null : parseByteRange(request.headers.get("range"), file.size);
  const headers = { etag: file.etag, "accept-ranges": "bytes", ...options.headers };
  if (range === "unsatisfiable") {
    return new Response(null, {
      status: 416,
      headers: { ...headers, "content-range": `bytes */${file.size}`, "cache-control": "no-store" },
    });
  }
  const head = request.method === "HEAD";
  if (!range) {
    const body = head ? null : options.stream(file);
    return fileResponse({ ...file, body, headers });
  }
  const response = fileResponse({
    ...file,
    size: range.end - range.start + 1,
    body: head ? null : options.stream(file, range),
    headers: { ...headers, "content-range": `bytes ${range.start}-${range.end}/${file.size}` },
  });
  return new Response(response.body, { status: 206, headers: response.headers });
}

/**
 * A file answered as a download: the body streams as it is read, the browser
 * saves it under `name` (an ASCII fallback plus the exact UTF-8 name), and
 * nothing caches it.
 */
export function fileResponse(options: {
  body: ReadableStream<Uint8Array>;
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
  if (options.size !== undefined) headers["content-length"] = String(options.size);
  return new Response(options.body, { headers });
}

/** A request body taken as bytes (a file upload), with the media type it was sent as. */
export interface RawBody {
  bytes: Uint8Array;
  /** The Content-Type's media type, lower case, without parameters ("" when none was sent). */
  mediaType: string;
  /** The whole Content-Type header (multipart needs its boundary). */
  contentType: string;
}

/** What an endpoint taking a raw body accepts, for defineApiRoute and the OpenAPI document. */
export interface RawBodyOption {
  maxBytes: number;
  /** Media types accepted; `multipart/form-data` means a form with a `file` field. */
  mediaTypes: readonly string[];
  /** For the OpenAPI document: what the body is. */
  description: string;
}

export const mediaTypeOf = (contentType: string) => contentType.split(";")[0]!.trim().toLowerCase();

/**
 * The request's body as bytes, read as a stream up to `maxBytes` and no
 * further: a client may send no Content-Length, or a false one, so only a
 * declared length over the cap is trusted (to refuse early).
 */
export async function readRawBody(
  request: Request,
  maxBytes: number,
): Promise<{ ok: true; body: RawBody } | { ok: false; refusal: "too-large" }> {
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) return { ok: false, refusal: "too-large" };
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel();
        return { ok: false, refusal: "too-large" };
      }
      chunks.push(value);
    }
  }
  const contentType = request.headers.get("content-type") ?? "";
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return { ok: true, body: { bytes, contentType, mediaType: mediaTypeOf(contentType) } };
}

/** Why a request body was refused before it was validated. */
export type BodyRefusal = { kind: "too-large" } | { kind: "not-json" };

/**
 * The request's JSON body, read up to `maxBytes` and no further (a client may
 * send no Content-Length, or a false one). An empty body is `undefined`.
 */
export async function readJsonBody(
  request: Request,
  maxBytes: number,
): Promise<{ ok: true; value: unknown } | { ok: false; refusal: BodyRefusal }> {
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) return { ok: false, refusal: { kind: "too-large" } };
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
        return { ok: false, refusal: { kind: "too-large" } };
      }
      chunks.push(value);
    }
  }
  const text = Buffer.concat(chunks).toString("utf8");
  if (text.trim() === "") return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, refusal: { kind: "not-json" } };
  }
}

import { readRawBody } from "./read-raw-body";

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
  const read = await readRawBody(request, maxBytes);
  if (!read.ok) return { ok: false, refusal: { kind: "too-large" } };
  const text = Buffer.from(read.body.bytes.buffer, read.body.bytes.byteOffset, read.body.bytes.byteLength).toString(
    "utf8",
  );
  if (text.trim() === "") return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, refusal: { kind: "not-json" } };
  }
}

import type { IncomingMessage, ServerResponse } from "node:http";
import { HttpError, readBytes, sendJson } from "./http-helpers";

// OpenAI takes batch input files up to 200 MB; a little more for the multipart framing.
const MAX_UPLOAD_BYTES = 210 * 1024 * 1024;

export interface StoredFile {
  id: string;
  filename: string;
  purpose: string;
  createdAt: number;
  content: Buffer;
}

/** The files the simulator holds: uploaded batch input and the output and error files it writes. */
export class FileStore {
  private readonly files = new Map<string, StoredFile>();
  private count = 0;

  add(options: { filename: string; purpose: string; content: Buffer }): StoredFile {
    this.count++;
    const file = {
      ...options,
      id: `file-sim-${String(this.count).padStart(6, "0")}`,
      createdAt: Math.floor(Date.now() / 1000),
    };
    this.files.set(file.id, file);
    return file;
  }

  get(id: string): StoredFile {
    const file = this.files.get(id);
    if (!file) throw new HttpError(404, `No such File object: ${id}`, "invalid_request_error", "not_found");
    return file;
  }

  delete(id: string): void {
    this.get(id);
    this.files.delete(id);
  }
}

export function fileObject(file: StoredFile) {
  return {
    id: file.id,
    object: "file",
    bytes: file.content.length,
    created_at: file.createdAt,
    filename: file.filename,
    purpose: file.purpose,
    status: "processed",
  };
}

async function upload(req: IncomingMessage, res: ServerResponse, store: FileStore) {
  const contentType = req.headers["content-type"] ?? "";
  if (!contentType.startsWith("multipart/form-data"))
    throw new HttpError(400, "file uploads must be multipart/form-data");
  const body = await readBytes(req, MAX_UPLOAD_BYTES);
  const form = await new Response(new Uint8Array(body), { headers: { "content-type": contentType } })
    .formData()
    .catch(() => {
      throw new HttpError(400, "malformed multipart body");
    });
  const purpose = form.get("purpose");
  const file = form.get("file");
  if (typeof purpose !== "string" || purpose === "")
    throw new HttpError(400, "purpose is required", "invalid_request_error", "missing_required_parameter");
  if (purpose !== "batch") throw new HttpError(400, `the simulator only takes purpose=batch, got ${purpose}`);
  if (file === null || typeof file === "string")
    throw new HttpError(400, "file is required", "invalid_request_error", "missing_required_parameter");
  const stored = store.add({ filename: file.name, purpose, content: Buffer.from(await file.arrayBuffer()) });
  sendJson(res, 200, fileObject(stored));
}

/** /v1/files: upload (purpose=batch), retrieve, download content, delete. Returns false for other paths. */
export async function routeFiles(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  store: FileStore,
): Promise<boolean> {
  if (path === "/v1/files" && req.method === "POST") {
    await upload(req, res, store);
    return true;
  }
  const match = /^\/v1\/files\/([^/]+)(\/content)?$/.exec(path);
  if (!match) return false;
  const [, id, content] = match;
  if (req.method === "GET" && content) {
    const file = store.get(id);
    res.writeHead(200, {
      "content-type": "application/octet-stream",
      "content-length": String(file.content.length),
      "x-simulator": "evol-studio",
    });
    res.end(file.content);
    return true;
  }
  if (req.method === "GET") {
    sendJson(res, 200, fileObject(store.get(id)));
    return true;
  }
  if (req.method === "DELETE" && !content) {
    store.delete(id);
    sendJson(res, 200, { id, object: "file", deleted: true });
    return true;
  }
  return false;
}

import { createServer, request, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FILE_LENGTH_HEADER, restoreFileLength } from "./file-length";

const body = Buffer.from("0123456789");
let port: number;
// Answers as Next does: headers set one by one, no content-length, the head written implicitly.
const server = createServer((req, res: ServerResponse) => {
  restoreFileLength(res);
  res.setHeader(FILE_LENGTH_HEADER, String(body.length));
  if (req.url === "/encoded") res.setHeader("content-encoding", "gzip");
  if (req.method === "HEAD") return res.end();
  res.write(body.subarray(0, 4));
  res.end(body.subarray(4));
});

beforeAll(() => new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve)));
beforeAll(() => {
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function ask(method: string, path = "/"): Promise<{ headers: Record<string, unknown>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, method, path }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("restoreFileLength", () => {
  it("answers GET and HEAD with the file's content-length, and hides the header that carried it", async () => {
    for (const method of ["GET", "HEAD"]) {
      const answer = await ask(method);
      expect(answer.headers["content-length"], method).toBe("10");
      expect(answer.headers["transfer-encoding"], method).toBeUndefined();
      expect(answer.headers[FILE_LENGTH_HEADER], method).toBeUndefined();
    }
    expect((await ask("GET")).body.equals(body)).toBe(true);
  });

  it("leaves an encoded body without content-length (its length is not the file's)", async () => {
    const answer = await ask("HEAD", "/encoded");
    expect(answer.headers["content-length"]).toBeUndefined();
    expect(answer.headers[FILE_LENGTH_HEADER]).toBeUndefined();
  });
});

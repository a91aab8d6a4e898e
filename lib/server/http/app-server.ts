import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { restoreFileLength } from "./file-length";
import { CLIENT_ADDRESS_HEADER, deriveClientAddress, type TrustedProxies } from "./client-address";
import { currentRequestState, withRequestState } from "./request-state";

type Handle = (req: IncomingMessage, res: ServerResponse) => Promise<void> | void;

/**
 * Replaces whatever the client sent as our client-address header with the
 * address derived from the socket (and, behind a trusted proxy, its
 * X-Forwarded-For). Next's route handlers never see the socket, so this
 * header is how the address reaches better-auth and the sign-in limits.
 */
export function stampClientAddress(req: IncomingMessage, isTrustedProxy: TrustedProxies) {
  delete req.headers[CLIENT_ADDRESS_HEADER];
  req.headers[CLIENT_ADDRESS_HEADER] = deriveClientAddress({
    socketAddress: req.socket.remoteAddress,
    forwardedFor: req.headers["x-forwarded-for"],
    isTrustedProxy,
  });
}

/**
 * A page that failed because the database is gone (lib/server/db/errors.ts
 * marks the request) is answered 503 rather than Next's 500: nothing is wrong
 * with the request, and it will work again once the database is back.
 */
export function answerDatabaseOutagesWith503(res: ServerResponse): void {
  const state = currentRequestState();
  const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => ServerResponse;
  res.writeHead = ((statusCode: number, ...rest: unknown[]) => {
    if (statusCode === 500 && state?.databaseUnavailable) {
      res.setHeader("retry-after", "5");
      return writeHead(503, ...rest);
    }
    return writeHead(statusCode, ...rest);
  }) as ServerResponse["writeHead"];
}

/** An HTTP server that stamps every request with its client's address, then hands it to `handle` (Next). */
export function createAppServer(handle: Handle, isTrustedProxy: TrustedProxies): Server {
  return createServer((req, res) =>
    withRequestState(() => {
      stampClientAddress(req, isTrustedProxy);
      answerDatabaseOutagesWith503(res);
      restoreFileLength(res);
      Promise.resolve(handle(req, res)).catch((error: unknown) => {
        console.error("[evol] request failed:", error);
        if (!res.headersSent) res.statusCode = 500;
        res.end();
      });
    }),
  );
}

/** Starts listening; rejects when the port is taken or the address cannot be bound. */
export function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
}

/** How to write `host`:`port` in a URL (IPv6 in brackets). */
export function serverUrl(host: string, port: number): string {
  return `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
}

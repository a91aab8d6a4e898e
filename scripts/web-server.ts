// The web server `npm start` and `npm run dev` run (scripts/start.ts spawns it
// in the launcher's process group, with an IPC channel and the settings it
// prepared): Next behind a node:http server of ours, listening on HOST:PORT,
// which stamps every request with the client's address (see
// lib/server/http/app-server.ts). `next start` cannot do that: Next's
// handlers never see the socket.
import next from "next";
import { installProcessHandlers } from "@/lib/server/bootstrap/process-handlers";
import { whenParentGone } from "@/lib/server/bootstrap/parent-watch";
import { getEnv } from "@/lib/server/config/env";
import { createAppServer, listen, serverUrl } from "@/lib/server/http/app-server";
import { trustedProxies } from "@/lib/server/http/client-address";

const dev = process.argv.includes("--dev");
const log = (message: string) => console.error(`[evol web] ${message}`);
/** Open requests get this long to finish when stopping; then the process exits regardless. */
const STOP_DEADLINE_MS = 10_000;

async function main() {
  const env = getEnv();
  // Requests arrive only once it listens, after `handle` is set below.
  const server = createAppServer((req, res) => handle(req, res), trustedProxies(env.TRUSTED_PROXIES));
  // httpServer: in dev, Next attaches its hot-reload websocket to it.
  const app = next({ dev, hostname: env.HOST, port: env.PORT, httpServer: server });
  const handle = app.getRequestHandler();

  let stopping = false;
  const stop = async (why: string) => {
    if (stopping) return;
    stopping = true;
    if (why !== "SIGTERM") log(`stopping: ${why}`);
    setTimeout(() => process.exit(process.exitCode ?? 0), STOP_DEADLINE_MS).unref();
    server.close();
    // Open keep-alive and streaming responses would hold close() forever.
    server.closeAllConnections();
    await app.close().catch(() => {});
    process.exit(process.exitCode ?? 0);
  };
  installProcessHandlers({ log, stop });
  process.on("SIGTERM", () => void stop("SIGTERM"));
  // Under the launcher, Ctrl-C reaches this process too, but the launcher
  // stops it itself, after the workers: only a web server of its own stops on SIGINT.
  const underLauncher = typeof process.send === "function";
  process.on("SIGINT", () => void (underLauncher ? undefined : stop("SIGINT")));
  if (underLauncher) whenParentGone(() => void stop("the launcher is gone"));

  await app.prepare();
  await listen(server, env.PORT, env.HOST);
  // scripts/start.ts prints the address to open when it sees this line (lib/server/bootstrap/next-output.ts).
  console.log(`[evol] serving on ${serverUrl(env.HOST, env.PORT)}`);
}

main().catch((error) => {
  console.error(`[evol] the web server could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

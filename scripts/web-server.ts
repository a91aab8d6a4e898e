// The web server `npm start` and `npm run dev` run (scripts/start.ts spawns it
// in a process group of its own, with the settings it prepared): Next behind a
// node:http server of ours, listening on HOST:PORT, which stamps every request
// with the client's address (see lib/server/http/app-server.ts). `next start`
// cannot do that: Next's handlers never see the socket.
import next from "next";
import { getEnv } from "@/lib/server/config/env";
import { createAppServer, listen, serverUrl } from "@/lib/server/http/app-server";
import { trustedProxies } from "@/lib/server/http/client-address";

const dev = process.argv.includes("--dev");

async function main() {
  const env = getEnv();
  // Requests arrive only once it listens, after `handle` is set below.
  const server = createAppServer((req, res) => handle(req, res), trustedProxies(env.TRUSTED_PROXIES));
  // httpServer: in dev, Next attaches its hot-reload websocket to it.
  const app = next({ dev, hostname: env.HOST, port: env.PORT, httpServer: server });
  const handle = app.getRequestHandler();
  await app.prepare();
  await listen(server, env.PORT, env.HOST);
  // scripts/start.ts prints the address to open when it sees this line (lib/server/bootstrap/next-output.ts).
  console.log(`[evol] serving on ${serverUrl(env.HOST, env.PORT)}`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    server.close();
    // Open keep-alive and streaming responses would hold close() forever.
    server.closeAllConnections();
    await app.close().catch(() => {});
    process.exit(0);
  };
  process.on("SIGINT", () => void stop());
  process.on("SIGTERM", () => void stop());
}

main().catch((error) => {
  console.error(`[evol] the web server could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

// Starts the app for the browser tests exactly as `npm start` does, on a data
// folder that is wiped first so every run begins from an empty database.
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";

rmSync(path.resolve(process.env.EVOL_DATA_DIR ?? ".data/e2e"), { recursive: true, force: true });
// As `npm start` runs it (see scripts/start.ts on why not the tsx command).
const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
  stdio: "inherit",
  env: process.env,
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code) => process.exit(code ?? 0));

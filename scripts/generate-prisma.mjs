// `prisma generate` needs no engine, but the CLI still looks for a schema-engine
// binary that cannot be downloaded offline; any existing file satisfies it.
import { spawnSync } from "node:child_process";
import path from "node:path";

const result = spawnSync(process.execPath, [path.resolve("node_modules/prisma/build/index.js"), "generate"], {
  stdio: "inherit",
  env: {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath,
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
    CHECKPOINT_DISABLE: "1",
  },
});
process.exit(result.status ?? 1);

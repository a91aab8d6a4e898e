// `npm run seed:scale -- --nodes 250000 [--project <name>]`: a realistic
// Evol-Instruct forest (seeds, one completed 4-round run, verdicts, reviews)
// written straight into Postgres, to try the UI and benchmarks at the
// paper's scale. One transaction: a failure leaves nothing behind.
import pg from "pg";
import { loadEnv } from "@/lib/server/config/env";
import { connectDatabase } from "../cli/connect-database";
import { parseSeedScaleArgs, SEED_SCALE_USAGE, type SeedScaleArgs } from "./scale-args";
import { seedScale } from "./scale-seed";
import { RefusedError } from "./scale-setup";

const log = (message: string) => console.log(`[seed:scale] ${message}`);

async function main() {
  let args: SeedScaleArgs;
  try {
    args = parseSeedScaleArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`[seed:scale] ${error instanceof Error ? error.message : String(error)}\n\n${SEED_SCALE_USAGE}`);
    process.exit(2);
  }
  if (args.help) {
    console.log(SEED_SCALE_USAGE);
    return;
  }
  loadEnv();
  const database = await connectDatabase(log);
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    await seedScale(client, args, log);
  } finally {
    await client.end();
    await database.stop();
  }
}

main().catch((error) => {
  const refused = error instanceof RefusedError;
  console.error(`[seed:scale] ${refused ? "" : "failed: "}${error instanceof Error ? error.message : String(error)}`);
  process.exit(refused ? 3 : 1);
});

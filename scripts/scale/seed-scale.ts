// `npm run seed:scale -- --nodes 250000 [--project <name>]`: a realistic
// Evol-Instruct forest (seeds, one completed 4-round run, verdicts, reviews)
// written straight into Postgres, to try the UI and benchmarks at the
// paper's scale. One transaction: a failure leaves nothing behind.
import pg from "pg";
import { loadEnv } from "@/lib/server/config/env";
import { connectDatabase } from "../cli/connect-database";
import { parseSeedScaleArgs, SEED_SCALE_USAGE, type SeedScaleArgs } from "./scale-args";
import { countProject } from "./scale-counts";
import { generateScale } from "./scale-generate";
import { insertBatch } from "./scale-insert";
import { planScale, scaleTimeline } from "./scale-plan";
import { prepareScaleTargets, RefusedError } from "./scale-setup";

const log = (message: string) => console.log(`[seed:scale] ${message}`);
const fmt = (n: number) => n.toLocaleString("en-US");
const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;

async function seedScale(client: pg.Client, args: SeedScaleArgs) {
  const started = performance.now();
  const plan = planScale(args.nodes);
  const now = Date.now();
  const time = scaleTimeline(plan, now);
  log(
    `${fmt(plan.nodes)} nodes: ${fmt(plan.seeds)} seeds, ${fmt(plan.runSeeds)} of them evolved over 4 rounds (${fmt(plan.evolutions)} evolutions), seed "${args.seed}"`,
  );
  await client.query("BEGIN");
  try {
    // One commit at the end; nothing here needs to survive a crash before it.
    await client.query("SET LOCAL synchronous_commit = off");
    const targets = await prepareScaleTargets(client, {
      project: args.project,
      append: args.append,
      plan,
      time,
      seed: args.seed,
    });
    log(
      `${targets.projectCreated ? "created" : "appending to"} project "${args.project}" (${targets.projectId}); run ${targets.runId}` +
        (targets.created.length ? `; created users ${targets.created.join(", ")}` : ""),
    );
    const counts = { nodes: 0, steps: 0, reviews: 0, calls: 0 };
    let nextReport = 0;
    let inflight: Promise<unknown> | null = null;
    // The generator makes the next batch while Postgres writes the previous one.
    for (const batch of generateScale({
      nodes: args.nodes,
      seed: args.seed,
      runId: targets.runId,
      annotatorIds: targets.annotatorIds,
      now,
      batchSize: args.batch,
      withCalls: args.withCalls,
    })) {
      if (inflight) await inflight;
      inflight = insertBatch(client, targets, batch);
      counts[batch.kind] += batch.rows.length;
      if (batch.kind === "nodes" && counts.nodes >= nextReport) {
        log(
          `nodes ${fmt(counts.nodes)}/${fmt(plan.nodes)} · steps ${fmt(counts.steps)} · reviews ${fmt(counts.reviews)}${args.withCalls ? ` · calls ${fmt(counts.calls)}` : ""} · ${seconds(started)}`,
        );
        nextReport = Math.min(
          plan.nodes,
          counts.nodes + Math.max(args.batch, Math.ceil(plan.nodes / 10 / args.batch) * args.batch),
        );
      }
    }
    await inflight;
    log(`committing · ${seconds(started)}`);
    await client.query("COMMIT");
    // The load appended the dashboard's figures as deltas (one set per batch): fold them now (decision 0037).
    const compacted = performance.now();
    const folded = await client.query<{ n: string | null }>("SELECT dashboard_compact($1::uuid) AS n", [
      targets.projectId,
    ]);
    log(`dashboard figures: ${fmt(Number(folded.rows[0]?.n ?? 0))} deltas compacted in ${seconds(compacted)}`);
    const analyzed = performance.now();
    await client.query(
      "ANALYZE nodes, run_steps, reviews, runs, projects, users" + (args.withCalls ? ", llm_calls" : ""),
    );
    log(`analyzed in ${seconds(analyzed)}`);
    for (const line of await countProject(client, targets.projectId, targets.runId)) log(line);
    log(`done in ${seconds(started)}: project "${args.project}"`);
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  }
}

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
    await seedScale(client, args);
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

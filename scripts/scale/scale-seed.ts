// The seeding of `npm run seed:scale`: setup rows, the generated batches
// pipelined into Postgres (the next batch is generated while the previous one
// is written), the node tables' indexes built after the load when they were
// empty, one commit, then the dashboard's compaction and ANALYZE.
import type pg from "pg";
import type { SeedScaleArgs } from "./scale-args";
import { countProject } from "./scale-counts";
import { generateScale } from "./scale-generate";
import { deferIndexes } from "./scale-indexes";
import { insertBatch } from "./scale-insert";
import { planScale, scaleTimeline } from "./scale-plan";
import { prepareScaleTargets } from "./scale-setup";
import { ScaleTimings } from "./scale-timings";

const fmt = (n: number) => n.toLocaleString("en-US");
const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;

/** Writes the forest in one transaction (see seed-scale.ts); returns what it made. */
export async function seedScale(
  client: pg.ClientBase,
  args: SeedScaleArgs,
  log: (message: string) => void,
): Promise<{ projectId: string; runId: string; deferredIndexes: number }> {
  const started = performance.now();
  const plan = planScale(args.nodes);
  const now = Date.now();
  const time = scaleTimeline(plan, now);
  log(
    `${fmt(plan.nodes)} nodes: ${fmt(plan.seeds)} seeds, ${fmt(plan.runSeeds)} of them evolved over 4 rounds (${fmt(plan.evolutions)} evolutions), seed "${args.seed}"`,
  );
  const backend = await client.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
  const timings = new ScaleTimings(backend.rows[0]?.pid ?? null);
  await client.query("BEGIN");
  try {
    // One commit at the end; nothing here needs to survive a crash before it.
    await client.query("SET LOCAL synchronous_commit = off");
    const targets = await timings.time("setup", () =>
      prepareScaleTargets(client, {
        project: args.project,
        append: args.append,
        plan,
        time,
        seed: args.seed,
      }),
    );
    log(
      `${targets.projectCreated ? "created" : "appending to"} project "${args.project}" (${targets.projectId}); run ${targets.runId}` +
        (targets.created.length ? `; created users ${targets.created.join(", ")}` : ""),
    );
    const deferred = await timings.time("drop indexes", () => deferIndexes(client));
    log(
      deferred.definitions.length
        ? `empty node tables: ${deferred.definitions.length} indexes dropped, built again after the load`
        : "the node tables have rows: loading with their indexes in place",
    );
    const counts = { nodes: 0, steps: 0, reviews: 0, calls: 0 };
    let nextReport = 0;
    let inflight: Promise<unknown> | null = null;
    // The generator makes the next batch while Postgres writes the previous one.
    const batches = generateScale({
      nodes: args.nodes,
      seed: args.seed,
      runId: targets.runId,
      annotatorIds: targets.annotatorIds,
      now,
      batchSize: args.batch,
      withCalls: args.withCalls,
    });
    for (;;) {
      const generating = performance.now();
      const next = batches.next();
      timings.add("generate (JS)", performance.now() - generating);
      if (next.done) break;
      const batch = next.value;
      if (inflight) await timings.time("wait for Postgres", () => inflight!);
      inflight = timings.time(`insert ${batch.kind}`, () => insertBatch(client, targets, batch));
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
    await timings.time("wait for Postgres", () => inflight!);
    if (deferred.definitions.length) {
      log(`building ${deferred.definitions.length} indexes · ${seconds(started)}`);
      await timings.time("build indexes", deferred.rebuild);
    }
    log(`committing · ${seconds(started)}`);
    await timings.time("commit", () => client.query("COMMIT"));
    // The load appended the dashboard's figures as deltas (one set per batch): fold them now (decision 0037).
    const compacted = performance.now();
    const folded = await timings.time("dashboard compaction", () =>
      client.query<{ n: string | null }>("SELECT dashboard_compact($1::uuid) AS n", [targets.projectId]),
    );
    log(`dashboard figures: ${fmt(Number(folded.rows[0]?.n ?? 0))} deltas compacted in ${seconds(compacted)}`);
    const analyzed = performance.now();
    await timings.time("analyze", () =>
      client.query("ANALYZE nodes, run_steps, reviews, runs, projects, users" + (args.withCalls ? ", llm_calls" : "")),
    );
    log(`analyzed in ${seconds(analyzed)}`);
    for (const line of await countProject(client, targets.projectId, targets.runId)) log(line);
    log(`done in ${seconds(started)}: project "${args.project}"; where the time went:`);
    for (const line of timings.report()) log(line);
    return { projectId: targets.projectId, runId: targets.runId, deferredIndexes: deferred.definitions.length };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  }
}

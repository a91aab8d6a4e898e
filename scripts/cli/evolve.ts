// `npm run evolve -- --project <name> [--rounds 4 ...]`: the same run the
// project page starts, from a terminal, with a progress bar.
import cliProgress from "cli-progress";
import { loadEnv } from "@/lib/server/config/env";
import type { RunProgress } from "@/lib/server/runs/get-run-progress";
import { startComparisonSchema } from "@/lib/validation/comparisons";
import { startRunSchema } from "@/lib/validation/runs";
import { connectDatabase } from "./connect-database";
import { EVOLVE_USAGE, parseEvolveArgs } from "./evolve-args";

async function main() {
  loadEnv();
  const args = parseEvolveArgs(process.argv.slice(2));
  if (args.help || !args.project) {
    console.log(EVOLVE_USAGE);
    process.exit(args.help ? 0 : 2);
  }
  const database = await connectDatabase((m) => console.log(`[evol] ${m}`));
  const { getPrisma, disconnectPrisma } = await import("@/lib/server/db/prisma");
  const { roleSettingsFromEnv } = await import("@/lib/server/llm/llm-settings");
  const { startRun } = await import("@/lib/server/runs/start-run");
  const { startComparison } = await import("@/lib/server/comparisons/start-comparison");
  const { getRunProgress } = await import("@/lib/server/runs/get-run-progress");
  const { startStepWorker } = await import("@/lib/server/jobs/step-worker");
  const { stopBoss } = await import("@/lib/server/jobs/boss");
  const { stopInProcessSimulator } = await import("@/lib/server/llm/endpoints");

  const project = await getPrisma().project.findUnique({ where: { name: args.project } });
  if (!project) {
    const names = (await getPrisma().project.findMany({ select: { name: true }, take: 20 })).map((p) => p.name);
    await disconnectPrisma();
    await database.stop();
    throw new Error(`no project named "${args.project}"${names.length ? ` (projects: ${names.join(", ")})` : ""}`);
  }
  const simulator = args.input.endpoint === "simulator";
  const models = Object.fromEntries(
    (["evolve", "answer", "judge", "difficulty"] as const).map((role) => [
      role,
      args.input.models[role] ?? (simulator ? `sim-${role}` : roleSettingsFromEnv(role).model),
    ]),
  );
  // The project's default cap applies unless a flag sets one or --no-cap drops it.
  const caps = args.noCap
    ? {}
    : {
        maxTokens:
          args.input.maxTokens ?? (project.defaultMaxTokens === null ? undefined : Number(project.defaultMaxTokens)),
        maxCostUsd: args.input.maxCostUsd ?? project.defaultMaxCostUsd?.toNumber(),
      };
  const parsed = startRunSchema.safeParse({ ...args.input, ...caps, models, projectId: project.id });
  if (!parsed.success) throw new Error(parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
  const capText = [
    parsed.data.maxTokens !== undefined ? `${parsed.data.maxTokens.toLocaleString("en-US")} tokens` : null,
    parsed.data.maxCostUsd !== undefined ? `$${parsed.data.maxCostUsd}` : null,
  ].filter(Boolean);
  const how =
    `${parsed.data.rounds} rounds, ${parsed.data.mode}` +
    (parsed.data.batch ? ", through the Batch API (results within hours)" : "") +
    (capText.length ? `, capped at ${capText.join(" and ")}` : "");
  let runIds: string[];
  if (args.compare) {
    const { weights, method, methodVersion, ...shared } = parsed.data;
    const comparison = startComparisonSchema.safeParse({
      ...shared,
      a: { method, methodVersion, weights },
      b: args.compare,
    });
    if (!comparison.success)
      throw new Error(comparison.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
    const started = await startComparison({ ...comparison.data, actorId: null });
    runIds = started.runs.map((r) => r.id);
    console.log(
      `comparison ${started.id}: ${started.seeds} seeds drawn once, ${how}; ` +
        `run A ${started.runs[0].id} (${started.runs[0].method}), run B ${started.runs[1].id} (${started.runs[1].method})`,
    );
  } else {
    const run = await startRun({ ...parsed.data, actorId: null });
    runIds = [run.id];
    console.log(`run ${run.id}: ${run.seeds} seeds, ${how}, method ${run.method}`);
  }

  const worker = args.noWorker || args.detach ? null : await startStepWorker({ connectionString: database.url });
  const cleanup = async () => {
    await worker?.stop();
    await stopBoss();
    await stopInProcessSimulator();
    await disconnectPrisma();
    await database.stop();
  };
  if (args.detach) return cleanup();
  const which = runIds.length > 1 ? "runs " + runIds.join(" and ") + " are" : `run ${runIds[0]} is`;
  process.on("SIGINT", async () => {
    console.log(
      `\nstopped watching; ${which} still running and continue with any worker (npm start or npm run worker).`,
    );
    await cleanup();
    process.exit(130);
  });
  const bar = new cliProgress.SingleBar(
    {
      format:
        "{bar} {percentage}% | {value}/{total} evolutions | {passed} passed | {calls} LLM calls | {status} | ETA {eta_formatted}",
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  // A comparison's two runs are watched as one bar: their evolutions summed, their statuses side by side.
  const readAll = () => Promise.all(runIds.map((runId) => getRunProgress({ runId, viewer: { role: "admin" } })));
  const sum = (all: Awaited<ReturnType<typeof readAll>>, of: (p: (typeof all)[number]) => number) =>
    all.reduce((total, p) => total + of(p), 0);
  const live = (status: string) => ["running", "queued", "paused"].includes(status);
  let all = await readAll();
  bar.start(
    sum(all, (p) => p.totals.expected),
    0,
    { passed: 0, calls: 0, status: "running" },
  );
  while (all.some((p) => live(p.status))) {
    await new Promise((r) => setTimeout(r, 500));
    all = await readAll();
    bar.setTotal(
      Math.max(
        sum(all, (p) => p.totals.expected),
        sum(all, (p) => p.totals.finished),
      ),
    );
    bar.update(
      sum(all, (p) => p.totals.finished),
      {
        passed: sum(all, (p) => p.totals.passed),
        calls: sum(all, (p) => p.llm.calls),
        status: all.map((p) => p.status).join(" / "),
      },
    );
  }
  bar.stop();
  for (const progress of all) reportRun(progress, runIds.length > 1 ? `run ${progress.id}` : "run");
  await cleanup();
}

/** What a finished (or stopped) run did, and what to do next if it stopped. */
function reportRun(progress: RunProgress, label: string) {
  const { totals, llm } = progress;
  console.log(
    `${label} ${progress.status}: ${totals.evolved} evolutions, ${totals.passed} passed, ${totals.eliminated} eliminated, ${totals.failedSteps} step errors; ${llm.calls} LLM calls, ${llm.promptTokens + llm.completionTokens} tokens`,
  );
  if (progress.status === "waiting_review")
    console.log("gated run: review round results, then release the next round on the run page.");
  if (progress.status === "stalled" && progress.stalled) {
    console.log(`stalled: ${progress.stalled.failed} step(s) failed on the worker because:`);
    for (const r of progress.stalled.reasons) console.log(`  ${r.reason} (${r.steps})`);
    console.log('fix the cause, then "Retry failed steps" on the run page.');
  }
  if (progress.status === "budget_reached" && progress.budget) {
    const { budget } = progress;
    const needed = [
      budget.maxTokens !== null ? `${budget.needed.tokens} tokens` : null,
      budget.maxCostUsd !== null ? `$${budget.needed.costUsd.toFixed(4)}` : null,
    ].filter(Boolean);
    console.log(
      `budget reached: ${budget.spentTokens} tokens ($${budget.spentCostUsd.toFixed(4)}) spent; ` +
        `raise the cap to at least ${needed.join(" and ")} on the run page to go on.`,
    );
  }
}

main().catch((error) => {
  console.error(`[evolve] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

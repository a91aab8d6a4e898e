// What the run endpoints under /api/v1/runs/{runId} share: the run's project
// is the one checked, an unknown run and one out of reach answer the same 404,
// and a command answers the run's progress as GET /api/v1/runs/{runId} does.
import type { z } from "zod";
import type { SessionUser } from "@/lib/server/auth/current-user";
import { getRunCosts } from "@/lib/server/runs/get-run-costs";
import { getRunProgress } from "@/lib/server/runs/get-run-progress";
import { getRunProjectId } from "@/lib/server/runs/get-run-project-id";
import { runParamsSchema } from "@/lib/validation/route-params";
import { runProgressJson, runProgressJsonSchema } from "./run-json";

export const runRoute = {
  params: runParamsSchema,
  project: (params: z.output<typeof runParamsSchema>) => getRunProjectId(params),
  notFound: "Unknown run.",
  response: runProgressJsonSchema,
};

/** The run's progress as the API shows it (viewer: what error texts they may read). */
export async function runProgressAnswer(runId: string, viewer: Pick<SessionUser, "role">) {
  const [progress, costs] = await Promise.all([getRunProgress({ runId, viewer }), getRunCosts({ runId })]);
  return runProgressJson(progress, costs);
}

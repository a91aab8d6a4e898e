import { checkHealth } from "@/lib/server/health/check-health";

export const dynamic = "force-dynamic";

/**
 * GET /api/health, for load balancers and supervisors: 200 while the app can
 * serve (status ok, or degraded when no worker is taking jobs), 503 when the
 * database or the job queue cannot be reached. The one route besides
 * better-auth's that needs no session, which is why it is not a defineRoute:
 * it reads nothing of any user or project and says only what is up.
 */
export async function GET(): Promise<Response> {
  const report = await checkHealth();
  return Response.json(report, {
    status: report.status === "down" ? 503 : 200,
    headers: { "cache-control": "no-store" },
  });
}

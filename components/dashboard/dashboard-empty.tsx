import Link from "next/link";
import { Card } from "@/components/ui/card";

const linkClass =
  "rounded-md border border-zinc-300 bg-white px-3 py-1.5 text-sm font-medium text-zinc-800 hover:bg-zinc-100";

/** What the dashboard says instead of charts while there is nothing evolved to chart. */
export function DashboardEmpty({
  projectId,
  hasSeeds,
  isAdmin,
}: {
  projectId: string;
  hasSeeds: boolean;
  isAdmin: boolean;
}) {
  const base = `/projects/${projectId}`;
  const next = hasSeeds
    ? "start a run to evolve the seeds"
    : "import seed instructions, then start a run to evolve them";
  return (
    <Card>
      <div className="space-y-3" data-testid="dashboard-empty">
        <p className="text-sm text-zinc-700">
          {hasSeeds ? "No evolved instructions yet." : "This project has no instructions yet."}{" "}
          {isAdmin
            ? `To fill this dashboard, ${next}.`
            : `An admin needs to ${next} before there is anything to chart.`}{" "}
          Pass rates, operation mix, length and difficulty per round appear here after the first round.
        </p>
        <div className="flex flex-wrap gap-2">
          {isAdmin && hasSeeds ? (
            <Link href={`${base}/runs/new`} className={linkClass}>
              Start a run
            </Link>
          ) : null}
          {isAdmin && !hasSeeds ? (
            <Link href={`${base}/seeds/import`} className={linkClass}>
              Import seeds
            </Link>
          ) : null}
          <Link href={base} className={linkClass}>
            Project and runs
          </Link>
        </div>
      </div>
    </Card>
  );
}

import { ButtonLink } from "@/components/ui/button-link";
import { Card } from "@/components/ui/card";

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
            <ButtonLink href={`${base}/runs/new`} variant="secondary">
              Start a run
            </ButtonLink>
          ) : null}
          {isAdmin && !hasSeeds ? (
            <ButtonLink href={`${base}/seeds/import`} variant="secondary">
              Import seeds
            </ButtonLink>
          ) : null}
          <ButtonLink href={base} variant="secondary">
            Project and runs
          </ButtonLink>
        </div>
      </div>
    </Card>
  );
}

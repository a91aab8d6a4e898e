import { Stat } from "@/components/ui/stat";
import type { ProjectDashboard } from "@/lib/server/dashboard/dashboard-types";

const share = (rate: number | null) => (rate === null ? "–" : `${(rate * 100).toFixed(1)}%`);

/** The headline numbers; each tile's value carries data-stat="<label>". */
export function DashboardTiles({ dashboard }: { dashboard: ProjectDashboard }) {
  const { totals, statuses, verdicts } = dashboard;
  return (
    <div className="space-y-3" data-testid="dashboard-tiles">
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-4 lg:grid-cols-6">
        <Stat label="Nodes" value={totals.nodes} />
        <Stat label="Seeds" value={totals.seeds} />
        <Stat label="Evolved" value={totals.evolved} />
        <Stat label="Rounds" value={totals.rounds} />
        <Stat label="Pass rate" value={share(dashboard.passRate)} />
        <Stat label="Difficulty scored" value={dashboard.difficultyScored} />
      </div>
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-4 lg:grid-cols-7">
        <Stat label="Passed" value={verdicts.passed} />
        <Stat label="Eliminated" value={verdicts.failed} />
        <Stat label="Pending" value={verdicts.pending} />
        <Stat label="Accepted" value={statuses.accepted} />
        <Stat label="Rejected" value={statuses.rejected} />
        <Stat label="Disputed" value={statuses.disputed} />
        <Stat label="Unreviewed" value={statuses.unreviewed} />
      </div>
    </div>
  );
}

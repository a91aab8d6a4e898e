import type pg from "pg";

/** What the project holds now, read back from the database (not from what was sent). */
export async function countProject(client: pg.ClientBase, projectId: string, runId: string): Promise<string[]> {
  const nodes = await client.query<{
    round: number;
    total: string;
    passed: string;
    failed: string;
    accepted: string;
    rejected: string;
    difficulty: string;
  }>(
    `SELECT round, count(*) AS total, count(*) FILTER (WHERE verdict = 'passed' AND parent_id IS NOT NULL) AS passed, count(*) FILTER (WHERE verdict = 'failed') AS failed,
            count(*) FILTER (WHERE human_status = 'accepted') AS accepted, count(*) FILTER (WHERE human_status = 'rejected') AS rejected,
            count(difficulty) AS difficulty
     FROM nodes WHERE project_id = $1::uuid GROUP BY round ORDER BY round`,
    [projectId],
  );
  const other = await client.query<{ steps: string; reviews: string; reviewed: string; calls: string; trees: string }>(
    `SELECT (SELECT count(*) FROM run_steps WHERE run_id = $2::uuid) AS steps,
            (SELECT count(*) FROM reviews r JOIN nodes n ON n.id = r.node_id WHERE n.project_id = $1::uuid) AS reviews,
            (SELECT count(DISTINCT r.node_id) FROM reviews r JOIN nodes n ON n.id = r.node_id WHERE n.project_id = $1::uuid) AS reviewed,
            (SELECT count(*) FROM llm_calls WHERE run_id = $2::uuid) AS calls,
            (SELECT count(*) FROM nodes WHERE project_id = $1::uuid AND parent_id IS NULL) AS trees`,
    [projectId, runId],
  );
  const fmt = (v: string | number) => Number(v).toLocaleString("en-US");
  const sum = (key: "total" | "passed" | "failed" | "accepted" | "rejected") =>
    nodes.rows.reduce((s, r) => s + Number(r[key]), 0);
  const o = other.rows[0];
  return [
    `nodes ${fmt(sum("total"))} (seeds ${fmt(o.trees)}; ${nodes.rows.map((r) => `round ${r.round}: ${fmt(r.total)}`).join(", ")})`,
    `evolved nodes: eliminator ${fmt(sum("passed"))} passed, ${fmt(sum("failed"))} failed; human ${fmt(sum("accepted"))} accepted, ${fmt(sum("rejected"))} rejected`,
    `run steps ${fmt(o.steps)} (this run); reviews ${fmt(o.reviews)} on ${fmt(o.reviewed)} nodes; llm calls ${fmt(o.calls)} (this run)`,
  ];
}

// The rows a scale forest hangs from: annotators (and an admin when there is
// none), the project, the completed run and their audit events.
import type pg from "pg";
import { uuid7 } from "@/lib/server/db/uuid7";
import { SCALE_ROUNDS, SCALE_TEMPLATE_VERSION, scaleRunConfig, type ScalePlan, type ScaleTimeline } from "./scale-plan";
import { SECOND_REVIEW_SHARE } from "./scale-reviews";

export const SCALE_ANNOTATORS = [1, 2, 3, 4].map((i) => ({
  id: `scale-annotator-${i}`,
  name: `Scale Annotator ${i}`,
  email: `scale-annotator-${i}@example.com`,
}));
const SCALE_ADMIN = { id: "scale-admin", name: "Scale Admin", email: "scale-admin@example.com" };

export class RefusedError extends Error {}

/** Annotator ids to review with (an existing user with one of their e-mails keeps its id) and the admin who owns the run. */
async function ensureUsers(
  client: pg.ClientBase,
): Promise<{ annotatorIds: string[]; adminId: string; created: string[] }> {
  const created: string[] = [];
  for (const user of SCALE_ANNOTATORS) {
    const inserted = await client.query(
      `INSERT INTO users (id, name, email, role) VALUES ($1, $2, $3, 'annotator') ON CONFLICT DO NOTHING RETURNING id`,
      [user.id, user.name, user.email],
    );
    if (inserted.rowCount) created.push(user.id);
  }
  const found = await client.query<{ id: string; email: string }>(
    `SELECT id, email FROM users WHERE email = ANY($1::text[])`,
    [SCALE_ANNOTATORS.map((u) => u.email)],
  );
  const byEmail = new Map(found.rows.map((r) => [r.email, r.id]));
  const annotatorIds = SCALE_ANNOTATORS.map((u) => byEmail.get(u.email)).filter((id): id is string => Boolean(id));
  if (annotatorIds.length === 0)
    throw new Error("could not create the scale annotators (their ids are taken by users with other e-mails)");

  let admin = await client.query<{ id: string }>(
    `SELECT id FROM users WHERE role = 'admin' ORDER BY created_at LIMIT 1`,
  );
  if (admin.rowCount === 0) {
    const inserted = await client.query(
      `INSERT INTO users (id, name, email, role) VALUES ($1, $2, $3, 'admin') ON CONFLICT DO NOTHING RETURNING id`,
      [SCALE_ADMIN.id, SCALE_ADMIN.name, SCALE_ADMIN.email],
    );
    if (inserted.rowCount) created.push(SCALE_ADMIN.id);
    admin = await client.query<{ id: string }>(`SELECT id FROM users WHERE role = 'admin' ORDER BY created_at LIMIT 1`);
    if (admin.rowCount === 0)
      throw new Error(`could not create an admin: the id "${SCALE_ADMIN.id}" or its e-mail is taken by a non-admin`);
  }
  return { annotatorIds, adminId: admin.rows[0].id, created };
}

async function ensureProject(
  client: pg.ClientBase,
  options: { name: string; append: boolean; adminId: string; createdAt: number },
) {
  const inserted = await client.query<{ id: string }>(
    `INSERT INTO projects (id, name, description, overlap_share, created_by_id, created_at, updated_at)
     VALUES ($1::uuid, $2, $3, $4, $5, to_timestamp($6 / 1000.0) AT TIME ZONE 'UTC', now())
     ON CONFLICT (name) DO NOTHING RETURNING id`,
    [
      uuid7(),
      options.name,
      "Synthetic Evol-Instruct forest made by `npm run seed:scale`.",
      SECOND_REVIEW_SHARE,
      options.adminId,
      options.createdAt,
    ],
  );
  if (inserted.rowCount) return { id: inserted.rows[0].id, created: true };
  // FOR UPDATE: two seeders appending to one project at once run one after the other.
  const existing = await client.query<{ id: string }>(`SELECT id FROM projects WHERE name = $1 FOR UPDATE`, [
    options.name,
  ]);
  const id = existing.rows[0].id;
  const { rows } = await client.query<{ count: string }>(`SELECT count(*) FROM nodes WHERE project_id = $1::uuid`, [
    id,
  ]);
  const count = Number(rows[0].count);
  if (count > 0 && !options.append) {
    throw new RefusedError(
      `project "${options.name}" already has ${count.toLocaleString("en-US")} nodes: nothing written. Pass --append to add another forest to it, or choose another --project.`,
    );
  }
  return { id, created: false };
}

/** Creates (or finds) everything the forest's rows refer to, inside the caller's transaction. */
export async function prepareScaleTargets(
  client: pg.ClientBase,
  options: { project: string; append: boolean; plan: ScalePlan; time: ScaleTimeline; seed: string },
) {
  const { plan, time } = options;
  const users = await ensureUsers(client);
  const project = await ensureProject(client, {
    name: options.project,
    append: options.append,
    adminId: users.adminId,
    createdAt: time.seedsAt - 3_600_000,
  });
  const runId = uuid7();
  const at = (ms: number) => new Date(ms).toISOString();
  await client.query(
    `INSERT INTO runs (id, project_id, created_by_id, status, mode, rounds, current_round, template_version, config, created_at, started_at, finished_at)
     VALUES ($1::uuid, $2::uuid, $3, 'completed', 'continuous', $4, $4, $5, $6::jsonb,
             $7::timestamptz AT TIME ZONE 'UTC', $7::timestamptz AT TIME ZONE 'UTC', $8::timestamptz AT TIME ZONE 'UTC')`,
    [
      runId,
      project.id,
      users.adminId,
      SCALE_ROUNDS,
      SCALE_TEMPLATE_VERSION,
      JSON.stringify(scaleRunConfig(plan)),
      at(time.runStartedAt),
      at(time.runFinishedAt),
    ],
  );
  const audit = (action: string, targetType: string, targetId: string, data: object) =>
    client.query(
      `INSERT INTO audit_events (actor_id, action, target_type, target_id, data) VALUES ($1, $2, $3, $4, $5::jsonb)`,
      [users.adminId, action, targetType, targetId, JSON.stringify(data)],
    );
  if (project.created) await audit("project.create", "project", project.id, { name: options.project });
  await audit("run.start", "run", runId, {
    seeds: plan.runSeeds,
    rounds: SCALE_ROUNDS,
    branching: 1,
    mode: "continuous",
    source: "seed:scale",
    seed: options.seed,
    nodes: plan.nodes,
  });
  return { ...users, projectId: project.id, projectCreated: project.created, runId };
}

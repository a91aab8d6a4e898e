import type { PageCursor } from "@/lib/routes/api-pagination";
import { getPrisma } from "@/lib/server/db/prisma";
import type { ProjectViewer } from "./project-access";

export interface ProjectListRow {
  id: string;
  name: string;
  description: string;
  createdAt: Date;
}

/**
 * One page of the projects `viewer` reaches (admins: all; annotators: theirs),
 * narrowed to `onlyIds` when given (an API token's limit), newest first,
 * after `after`. Fetches `limit` rows (ask one more to learn whether a next
 * page exists).
 */
export async function listProjectsPage(options: {
  viewer: ProjectViewer;
  onlyIds: string[] | null;
  after: PageCursor | null;
  limit: number;
}): Promise<ProjectListRow[]> {
  const onlyMember = options.viewer.role === "admin" ? null : options.viewer.id;
  const onlyIds = options.onlyIds?.length ? options.onlyIds : null;
  const afterAt = options.after?.createdAt ?? null;
  const afterId = options.after?.id ?? null;
  const rows = await getPrisma().$queryRaw<{ id: string; name: string; description: string; created_at: Date }[]>`
    SELECT p.id, p.name, p.description, p.created_at
    FROM projects p
    WHERE (${onlyMember}::text IS NULL
           OR EXISTS (SELECT 1 FROM project_members m WHERE m.project_id = p.id AND m.user_id = ${onlyMember}))
      AND (${onlyIds}::uuid[] IS NULL OR p.id = ANY(${onlyIds}::uuid[]))
      AND (${afterAt}::timestamp IS NULL OR (p.created_at, p.id) < (${afterAt}::timestamp, ${afterId}::uuid))
    ORDER BY p.created_at DESC, p.id DESC
    LIMIT ${options.limit}`;
  return rows.map((r) => ({ id: r.id, name: r.name, description: r.description, createdAt: r.created_at }));
}

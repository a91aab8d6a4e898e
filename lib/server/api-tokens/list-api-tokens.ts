import { getPrisma } from "@/lib/server/db/prisma";

export interface ApiTokenRow {
  id: string;
  name: string;
  prefix: string;
  scope: "read" | "write";
  /** Empty: every project the owner may reach. */
  projects: { id: string; name: string }[];
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
  owner: { id: string; email: string; name: string };
}

/**
 * Tokens newest first: one user's (`userId`), or everybody's for the admin
 * page (`userId: null`). Never the secret, which is not stored.
 */
export async function listApiTokens(options: { userId: string | null }): Promise<ApiTokenRow[]> {
  const prisma = getPrisma();
  const tokens = await prisma.apiToken.findMany({
    where: options.userId === null ? {} : { userId: options.userId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    include: { user: { select: { id: true, email: true, name: true } } },
  });
  const projectIds = [...new Set(tokens.flatMap((t) => t.projectIds))];
  const projects = projectIds.length
    ? await prisma.project.findMany({ where: { id: { in: projectIds } }, select: { id: true, name: true } })
    : [];
  const names = new Map(projects.map((p) => [p.id, p.name]));
  return tokens.map((t) => ({
    id: t.id,
    name: t.name,
    prefix: t.prefix,
    scope: t.scope,
    // A project deleted since keeps its id in the list (the token stays limited), shown as such.
    projects: t.projectIds.map((id) => ({ id, name: names.get(id) ?? "(deleted project)" })),
    createdAt: t.createdAt,
    lastUsedAt: t.lastUsedAt,
    expiresAt: t.expiresAt,
    revokedAt: t.revokedAt,
    owner: t.user,
  }));
}

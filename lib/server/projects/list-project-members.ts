import { getPrisma } from "@/lib/server/db/prisma";

export interface ProjectMemberRow {
  userId: string;
  name: string;
  email: string;
  disabled: boolean;
  addedAt: Date;
  addedBy: string | null;
}

export interface ProjectMembers {
  members: ProjectMemberRow[];
  /** Annotators who are not members yet, to add. */
  others: { userId: string; name: string; email: string; disabled: boolean }[];
}

/** The annotators of a project (admins reach every project and are not listed), and those who could be added. */
export async function listProjectMembers(options: { projectId: string }): Promise<ProjectMembers> {
  const prisma = getPrisma();
  const [rows, annotators] = await Promise.all([
    prisma.projectMember.findMany({
      where: { projectId: options.projectId },
      orderBy: { addedAt: "asc" },
      include: {
        user: { select: { name: true, email: true, banned: true } },
        addedBy: { select: { email: true } },
      },
    }),
    prisma.user.findMany({
      where: { role: "annotator" },
      orderBy: { email: "asc" },
      select: { id: true, name: true, email: true, banned: true },
    }),
  ]);
  const memberIds = new Set(rows.map((r) => r.userId));
  return {
    members: rows.map((r) => ({
      userId: r.userId,
      name: r.user.name,
      email: r.user.email,
      disabled: Boolean(r.user.banned),
      addedAt: r.addedAt,
      addedBy: r.addedBy?.email ?? null,
    })),
    others: annotators
      .filter((u) => !memberIds.has(u.id))
      .map((u) => ({ userId: u.id, name: u.name, email: u.email, disabled: Boolean(u.banned) })),
  };
}

import { getPrisma } from "@/lib/server/db/prisma";

export async function listUsers() {
  const users = await getPrisma().user.findMany({
    orderBy: [{ role: "asc" }, { createdAt: "asc" }],
    select: { id: true, email: true, name: true, role: true, banned: true, createdAt: true },
  });
  return users.map((u) => ({ ...u, disabled: Boolean(u.banned) }));
}

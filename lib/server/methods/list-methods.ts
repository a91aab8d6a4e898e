import { getPrisma } from "@/lib/server/db/prisma";

export interface MethodSummary {
  id: string;
  name: string;
  description: string;
  builtIn: boolean;
  versions: { id: string; version: number; note: string; createdAt: Date; createdBy: string | null; runs: number }[];
}

/** Every method with its versions, newest version first (the run form and the admin page). */
export async function listMethods(): Promise<MethodSummary[]> {
  const methods = await getPrisma().method.findMany({
    orderBy: [{ builtIn: "desc" }, { name: "asc" }],
    select: {
      id: true,
      name: true,
      description: true,
      builtIn: true,
      versions: {
        orderBy: { version: "desc" },
        select: {
          id: true,
          version: true,
          note: true,
          createdAt: true,
          createdBy: { select: { name: true } },
          _count: { select: { runs: true } },
        },
      },
    },
  });
  return methods.map((m) => ({
    ...m,
    versions: m.versions.map(({ createdBy, _count, ...v }) => ({
      ...v,
      createdBy: createdBy?.name ?? null,
      runs: _count.runs,
    })),
  }));
}

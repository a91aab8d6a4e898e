import { getPrisma } from "@/lib/server/db/prisma";

const SAMPLE_TEXT_LIMIT = 4000;

/** A few seeds of each project, newest projects first, to preview a method's prompts with (texts clipped). */
export async function sampleSeeds(options: { projects?: number; perProject?: number } = {}) {
  const projects = await getPrisma().project.findMany({
    orderBy: { createdAt: "desc" },
    take: options.projects ?? 5,
    select: {
      name: true,
      nodes: {
        where: { parentId: null },
        orderBy: { createdAt: "asc" },
        take: options.perProject ?? 5,
        select: { id: true, instruction: true, input: true },
      },
    },
  });
  return projects.flatMap((p) =>
    p.nodes.map((n) => ({
      id: n.id,
      project: p.name,
      instruction: n.instruction.slice(0, SAMPLE_TEXT_LIMIT),
      input: n.input.slice(0, SAMPLE_TEXT_LIMIT),
    })),
  );
}

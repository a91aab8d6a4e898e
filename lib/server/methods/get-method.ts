import { methodTextsSchema, type MethodTexts } from "@/lib/evolution/method-texts";
import { isUuid } from "@/lib/server/db/is-uuid";
import { getPrisma } from "@/lib/server/db/prisma";

/** A method with its latest version's texts, for the editor (null: no such method). */
export async function getMethod(options: { methodId: string }) {
  if (!isUuid(options.methodId)) return null;
  const method = await getPrisma().method.findUnique({
    where: { id: options.methodId },
    select: {
      id: true,
      name: true,
      description: true,
      builtIn: true,
      versions: { orderBy: { version: "desc" }, take: 1, select: { id: true, version: true, texts: true } },
    },
  });
  const latest = method?.versions[0];
  if (!method || !latest) return null;
  const texts: MethodTexts = methodTextsSchema.parse(latest.texts);
  return { ...method, latest: { id: latest.id, version: latest.version, texts } };
}

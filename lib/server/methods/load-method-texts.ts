import { methodTextsSchema, type MethodTexts } from "@/lib/evolution/method-texts";
import { getPrisma } from "@/lib/server/db/prisma";

// A version never changes (the database refuses updates), so a worker keeps
// every version it has read for as long as it lives.
const cache = new Map<string, Promise<MethodTexts>>();

/** The texts of one method version, read once per process. */
export function loadMethodTexts(options: { methodVersionId: string }): Promise<MethodTexts> {
  const { methodVersionId } = options;
  let texts = cache.get(methodVersionId);
  if (!texts) {
    texts = getPrisma()
      .methodVersion.findUniqueOrThrow({ where: { id: methodVersionId }, select: { texts: true } })
      .then((row) => methodTextsSchema.parse(row.texts));
    // A failed read (the database away) is tried again next time.
    texts.catch(() => cache.delete(methodVersionId));
    cache.set(methodVersionId, texts);
  }
  return texts;
}

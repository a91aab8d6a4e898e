import { methodTextsSchema, type MethodTexts } from "@/lib/evolution/method-texts";
import { getPrisma } from "@/lib/server/db/prisma";
import { NotFoundError } from "@/lib/server/errors";
import { DEFAULT_METHOD } from "./method-ids";

export interface ResolvedMethodVersion {
  id: string;
  method: string;
  version: number;
  texts: MethodTexts;
}

/** The version a run asks for by name: the method's latest unless a version number is given. */
export async function resolveMethodVersion(options: {
  method?: string;
  version?: number;
}): Promise<ResolvedMethodVersion> {
  const name = options.method ?? DEFAULT_METHOD;
  const row = await getPrisma().methodVersion.findFirst({
    where: { method: { name }, ...(options.version !== undefined ? { version: options.version } : {}) },
    orderBy: { version: "desc" },
    select: { id: true, version: true, texts: true },
  });
  if (!row) {
    const exists = await getPrisma().method.count({ where: { name } });
    throw new NotFoundError(
      exists ? `Method "${name}" has no version ${options.version}.` : `There is no method named "${name}".`,
    );
  }
  return { id: row.id, method: name, version: row.version, texts: methodTextsSchema.parse(row.texts) };
}

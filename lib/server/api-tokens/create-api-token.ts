import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import { getPrisma } from "@/lib/server/db/prisma";
import { canAccessProject, type ProjectViewer } from "@/lib/server/projects/project-access";
import { NotFoundError } from "@/lib/server/errors";
import type { ApiTokenScope } from "@/lib/validation/api-tokens";
import { generateTokenSecret, hashTokenSecret, visiblePrefix } from "./token-secret";

/**
 * A new token for `owner`; the secret is in the result and nowhere else, ever
 * (only its hash is stored). A token limited to projects may only name
 * projects its owner reaches now.
 */
export async function createApiToken(options: {
  owner: ProjectViewer;
  name: string;
  scope: ApiTokenScope;
  expiresAt: Date | null;
  projectIds: string[];
}) {
  const projectIds = [...new Set(options.projectIds)];
  for (const projectId of projectIds) {
    if (!(await canAccessProject({ viewer: options.owner, projectId }))) throw new NotFoundError("Unknown project.");
  }
  const secret = generateTokenSecret();
  const token = await getPrisma().$transaction(async (tx) => {
    const created = await tx.apiToken.create({
      data: {
        userId: options.owner.id,
        name: options.name,
        secretHash: hashTokenSecret(secret),
        prefix: visiblePrefix(secret),
        scope: options.scope,
        projectIds,
        expiresAt: options.expiresAt,
      },
    });
    await recordAuditEvent({
      db: tx,
      actorId: options.owner.id,
      action: "api_token.create",
      targetType: "api_token",
      targetId: created.id,
      data: { name: created.name, scope: created.scope, projectIds },
    });
    return created;
  });
  return { id: token.id, name: token.name, prefix: token.prefix, scope: token.scope, secret };
}

import { contentHashOf } from "@/lib/seeds/content-hash";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import { getPrisma } from "@/lib/server/db/prisma";
import { getEnv } from "@/lib/server/config/env";
import { InvalidInputError, UserFacingError } from "@/lib/server/errors";
import { fieldLengthProblem } from "@/lib/text/field-length";

/** Replaces a node's instruction or answer; the text before is kept in node_edits with who changed it. */
export async function editNode(options: {
  projectId: string;
  nodeId: string;
  field: "instruction" | "output";
  text: string;
  editorId: string;
}) {
  // The same limit as at import: an edit must not let in what an import refuses.
  const tooLong = fieldLengthProblem(options.field, options.text, getEnv().SEED_MAX_FIELD_CHARS);
  if (tooLong) throw new InvalidInputError(`${tooLong[0]!.toUpperCase()}${tooLong.slice(1)}.`);
  return getPrisma().$transaction(async (tx) => {
    const node = await tx.node.findFirst({
      where: { id: options.nodeId, projectId: options.projectId },
      select: { instruction: true, input: true, output: true },
    });
    if (!node) throw new UserFacingError("That node no longer exists.");
    const before = options.field === "instruction" ? node.instruction : (node.output ?? "");
    if (before === options.text) return { changed: false };
    await tx.nodeEdit.create({
      data: { nodeId: options.nodeId, editorId: options.editorId, field: options.field, before, after: options.text },
    });
    await tx.node.update({
      where: { id: options.nodeId },
      data:
        options.field === "instruction"
          ? { instruction: options.text, contentHash: contentHashOf(options.text, node.input) }
          : { output: options.text },
    });
    await recordAuditEvent({
      db: tx,
      actorId: options.editorId,
      action: "node.edit",
      targetType: "node",
      targetId: options.nodeId,
      data: { field: options.field },
    });
    return { changed: true };
  });
}

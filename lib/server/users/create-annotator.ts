import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import { createUserAccount } from "./create-user-account";

export async function createAnnotator(options: { email: string; name: string; password: string; actorId: string }) {
  const user = await createUserAccount({ ...options, role: "annotator" });
  await recordAuditEvent({
    actorId: options.actorId,
    action: "user.create",
    targetType: "user",
    targetId: user.id,
    data: { email: user.email, role: "annotator" },
  });
  return { id: user.id, email: user.email };
}

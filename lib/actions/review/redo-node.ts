"use server";

import { defineAction } from "@/lib/actions/define-action";
import { startRedo } from "@/lib/server/runs/start-redo";
import { redoNodeSchema } from "@/lib/validation/review";

export const redoNodeAction = defineAction({
  role: "any",
  schema: redoNodeSchema,
  project: (input) => input.projectId,
  handler: async (input, { user }) =>
    startRedo({
      projectId: input.projectId,
      nodeId: input.nodeId,
      kind: input.kind,
      operation: input.kind === "re-evolve" ? input.operation : undefined,
      actor: user,
    }),
});

"use server";

import { defineAction } from "@/lib/actions/define-action";
import { suggestMethodRevision } from "@/lib/server/methods/suggest-method-revision";
import { suggestMethodRevisionSchema } from "@/lib/validation/methods";

export const suggestMethodRevisionAction = defineAction({
  role: "admin",
  schema: suggestMethodRevisionSchema,
  project: null,
  handler: async (input, { user }) => suggestMethodRevision({ ...input, actorId: user.id }),
});

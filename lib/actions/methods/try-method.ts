"use server";

import { defineAction } from "@/lib/actions/define-action";
import { tryMethod } from "@/lib/server/methods/try-method";
import { tryMethodSchema } from "@/lib/validation/methods";

export const tryMethodAction = defineAction({
  role: "admin",
  schema: tryMethodSchema,
  project: null,
  handler: async (input, { user }) => tryMethod({ ...input, actorId: user.id }),
});

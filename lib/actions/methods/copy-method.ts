"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { copyMethod } from "@/lib/server/methods/copy-method";
import { copyMethodSchema } from "@/lib/validation/methods";

export const copyMethodAction = defineAction({
  role: "admin",
  schema: copyMethodSchema,
  project: null,
  handler: async (input, { user }) => {
    const result = await copyMethod({ ...input, actorId: user.id });
    revalidatePath("/admin/methods");
    return result;
  },
});

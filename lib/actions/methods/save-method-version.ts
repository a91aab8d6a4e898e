"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { saveMethodVersion } from "@/lib/server/methods/save-method-version";
import { saveMethodVersionSchema } from "@/lib/validation/methods";

export const saveMethodVersionAction = defineAction({
  role: "admin",
  schema: saveMethodVersionSchema,
  project: null,
  handler: async (input, { user }) => {
    const result = await saveMethodVersion({ ...input, actorId: user.id });
    revalidatePath("/admin/methods");
    return result;
  },
});

"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { renameUser } from "@/lib/server/users/rename-user";
import { renameUserSchema } from "@/lib/validation/users";

export const renameUserAction = defineAction({
  role: "admin",
  schema: renameUserSchema,
  project: null,
  handler: async (input, { user }) => {
    const result = await renameUser({ ...input, actorId: user.id });
    revalidatePath("/admin/users");
    return result;
  },
});

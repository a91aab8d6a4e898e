"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { setUserDisabled } from "@/lib/server/users/set-user-disabled";
import { setUserDisabledSchema } from "@/lib/validation/users";

export const setUserDisabledAction = defineAction({
  role: "admin",
  schema: setUserDisabledSchema,
  project: null,
  handler: async (input, { user }) => {
    const result = await setUserDisabled({ ...input, actorId: user.id });
    revalidatePath("/admin/users");
    return result;
  },
});

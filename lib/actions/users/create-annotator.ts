"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { createAnnotator } from "@/lib/server/users/create-annotator";
import { createAnnotatorSchema } from "@/lib/validation/users";

export const createAnnotatorAction = defineAction({
  role: "admin",
  schema: createAnnotatorSchema,
  project: null,
  handler: async (input, { user }) => {
    const created = await createAnnotator({ ...input, actorId: user.id });
    revalidatePath("/admin/users");
    return created;
  },
});

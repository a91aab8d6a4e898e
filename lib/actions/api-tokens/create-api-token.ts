"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { createApiToken } from "@/lib/server/api-tokens/create-api-token";
import { createApiTokenSchema } from "@/lib/validation/api-tokens";

/** Any signed-in user, for themself; the projects it is limited to are checked against theirs by the service. */
export const createApiTokenAction = defineAction({
  role: "any",
  schema: createApiTokenSchema,
  project: null,
  handler: async (input, { user }) => {
    const token = await createApiToken({ ...input, owner: user });
    revalidatePath("/account/tokens");
    return token;
  },
});

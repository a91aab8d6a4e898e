"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { revokeApiToken } from "@/lib/server/api-tokens/revoke-api-token";
import { revokeApiTokenSchema } from "@/lib/validation/api-tokens";

/** The token's owner, or an admin (the service answers anybody else "Unknown token."). */
export const revokeApiTokenAction = defineAction({
  role: "any",
  schema: revokeApiTokenSchema,
  project: null,
  handler: async (input, { user }) => {
    const result = await revokeApiToken({ tokenId: input.tokenId, actor: user });
    revalidatePath("/account/tokens");
    revalidatePath("/admin/tokens");
    return result;
  },
});

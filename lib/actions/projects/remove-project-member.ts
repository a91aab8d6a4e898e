"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { removeProjectMember } from "@/lib/server/projects/remove-project-member";
import { projectMemberSchema } from "@/lib/validation/projects";

export const removeProjectMemberAction = defineAction({
  role: "admin",
  schema: projectMemberSchema,
  project: (input) => input.projectId,
  handler: async (input, { user }) => {
    const result = await removeProjectMember({ ...input, actorId: user.id });
    revalidatePath(`/projects/${input.projectId}/settings`);
    return result;
  },
});

"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { addProjectMember } from "@/lib/server/projects/add-project-member";
import { projectMemberSchema } from "@/lib/validation/projects";

export const addProjectMemberAction = defineAction({
  role: "admin",
  schema: projectMemberSchema,
  project: (input) => input.projectId,
  handler: async (input, { user }) => {
    const result = await addProjectMember({ ...input, actorId: user.id });
    revalidatePath(`/projects/${input.projectId}/settings`);
    return result;
  },
});

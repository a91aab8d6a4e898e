"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { renameProject } from "@/lib/server/projects/rename-project";
import { renameProjectSchema } from "@/lib/validation/projects";

export const renameProjectAction = defineAction({
  role: "admin",
  schema: renameProjectSchema,
  project: (input) => input.projectId,
  handler: async (input, { user }) => {
    const project = await renameProject({ ...input, actorId: user.id });
    revalidatePath("/projects");
    revalidatePath(`/projects/${project.id}`);
    return { id: project.id, name: project.name };
  },
});

"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { createProject } from "@/lib/server/projects/create-project";
import { createProjectSchema } from "@/lib/validation/projects";

export const createProjectAction = defineAction({
  role: "admin",
  schema: createProjectSchema,
  project: null,
  handler: async (input, { user }) => {
    const project = await createProject({ ...input, actorId: user.id });
    revalidatePath("/projects");
    return { id: project.id, name: project.name };
  },
});

"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { importSeeds } from "@/lib/server/seeds/import-seeds";
import { parseUpload } from "@/lib/server/seeds/parse-upload";
import { seedUploadSchema } from "@/lib/validation/seeds";

export const importSeedsAction = defineAction({
  role: "admin",
  schema: seedUploadSchema,
  project: (input) => input.projectId,
  handler: async (input, { user }) => {
    const { parsed, fileName } = await parseUpload(input);
    const summary = await importSeeds({
      projectId: input.projectId,
      actorId: user.id,
      parsed,
      fileName,
      skipInvalid: input.skipInvalid,
    });
    revalidatePath(`/projects/${input.projectId}`);
    revalidatePath("/projects");
    return summary;
  },
});

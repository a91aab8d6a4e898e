"use server";

import { defineAction } from "@/lib/actions/define-action";
import { parseUpload } from "@/lib/server/seeds/parse-upload";
import { previewSeedImport } from "@/lib/server/seeds/preview-seed-import";
import { seedUploadSchema } from "@/lib/validation/seeds";

export const previewSeedImportAction = defineAction({
  role: "admin",
  schema: seedUploadSchema,
  project: (input) => input.projectId,
  handler: async (input) => {
    const { parsed, fileName } = await parseUpload(input);
    return previewSeedImport({ projectId: input.projectId, parsed, fileName });
  },
});

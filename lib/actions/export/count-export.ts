"use server";

import { defineAction } from "@/lib/actions/define-action";
import { countExport } from "@/lib/server/export/count-export";
import { countNearDuplicates } from "@/lib/server/export/count-near-duplicates";
import { countExportSchema } from "@/lib/validation/export";

export const countExportAction = defineAction({
  role: "admin",
  schema: countExportSchema,
  project: (input) => input.projectId,
  handler: async (input) => {
    const count = await countExport(input);
    const nearDuplicates = input.dedupe?.enabled
      ? await countNearDuplicates({
          projectId: input.projectId,
          selection: input.selection,
          threshold: input.dedupe.threshold,
          format: input.format,
        })
      : null;
    return { ...count, nearDuplicates };
  },
});

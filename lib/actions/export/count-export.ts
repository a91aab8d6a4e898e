"use server";

import { defineAction } from "@/lib/actions/define-action";
import { countExport } from "@/lib/server/export/count-export";
import { countExportSchema } from "@/lib/validation/export";

/** How many nodes the selection takes and how many of them have no answer (the near-duplicate count is a route). */
export const countExportAction = defineAction({
  role: "admin",
  schema: countExportSchema,
  project: (input) => input.projectId,
  handler: async (input) => countExport(input),
});

"use server";

import { defineAction } from "@/lib/actions/define-action";
import { listExportLinks } from "@/lib/server/export/list-export-links";
import { listExportLinksSchema } from "@/lib/validation/export-link";

export const listExportLinksAction = defineAction({
  role: "admin",
  schema: listExportLinksSchema,
  project: (input) => input.projectId,
  handler: (input) => listExportLinks(input),
});

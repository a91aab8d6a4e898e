import { z } from "zod";
import { revokedLinkJsonSchema } from "@/lib/api/export-json";
import { defineApiRoute } from "@/lib/routes/define-api-route";
import { projectOfExportLink } from "@/lib/server/export/project-of-export";
import { revokeExportLink } from "@/lib/server/export/revoke-export-link";
import { exportParamsSchema } from "@/lib/validation/route-params";

export const dynamic = "force-dynamic";

/** Revokes a signed link for good (its next request is a 404); revoking it again changes nothing. */
export const DELETE = defineApiRoute({
  role: "admin",
  params: exportParamsSchema.pick({ exportId: true }).extend({ linkId: z.uuid("Not a link id.") }),
  project: (params) => projectOfExportLink(params),
  notFound: "Unknown link.",
  summary: "Revoke a signed download link (admins only).",
  response: revokedLinkJsonSchema,
  handler: async ({ params }, { user, projectId }) => ({
    id: params.linkId,
    ...(await revokeExportLink({ projectId: projectId!, linkId: params.linkId, actorId: user.id })),
  }),
});

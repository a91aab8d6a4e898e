import { projectDetailJson, projectDetailJsonSchema } from "@/lib/api/project-json";
import { defineApiRoute } from "@/lib/routes/define-api-route";
import { NotFoundError } from "@/lib/server/errors";
import { getProject } from "@/lib/server/projects/get-project";
import { projectParamsSchema } from "@/lib/validation/route-params";

export const dynamic = "force-dynamic";

/** One project with its counts (seeds, evolved nodes, reviews' outcome, runs, imports). */
export const GET = defineApiRoute({
  role: "any",
  params: projectParamsSchema,
  project: (params) => params.projectId,
  summary: "One project with its counts.",
  response: projectDetailJsonSchema,
  handler: async ({ params }) => {
    const project = await getProject({ projectId: params.projectId });
    if (!project) throw new NotFoundError("Unknown project.");
    return projectDetailJson(project);
  },
});

import { projectJson, projectJsonSchema } from "@/lib/api/project-json";
import { pageOf, pageQuerySchema, pageSchema } from "@/lib/routes/api-pagination";
import { defineApiRoute } from "@/lib/routes/define-api-route";
import { createProject } from "@/lib/server/projects/create-project";
import { listProjectsPage } from "@/lib/server/projects/list-projects-page";
import { createProjectSchema } from "@/lib/validation/projects";

export const dynamic = "force-dynamic";

/** The projects the token reaches, newest first: `{ data, next_cursor }`. */
export const GET = defineApiRoute({
  role: "any",
  query: pageQuerySchema,
  project: null,
  summary: "The projects the token reaches, newest first.",
  response: pageSchema(projectJsonSchema),
  handler: async ({ query }, { user, token }) => {
    const rows = await listProjectsPage({
      viewer: user,
      onlyIds: token.projectIds,
      after: query.cursor ?? null,
      limit: query.limit + 1,
    });
    return pageOf(rows, query.limit, projectJson);
  },
});

/** A new project (admins, as on the Projects page), with the same schema as the page's form. */
export const POST = defineApiRoute({
  role: "admin",
  body: createProjectSchema,
  project: null,
  status: 201,
  summary: "Create a project (admins only).",
  response: projectJsonSchema,
  handler: async ({ body }, { user }) => projectJson(await createProject({ ...body, actorId: user.id })),
});

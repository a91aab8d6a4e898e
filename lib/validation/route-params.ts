import { z } from "zod";

/** The dynamic segments of the routes under app/api, as Next hands them over (strings from the URL). */
export const projectParamsSchema = z.object({ projectId: z.uuid("Not a project id.") });
export const exportParamsSchema = projectParamsSchema.extend({ exportId: z.uuid("Not an export id.") });
export const runParamsSchema = z.object({ runId: z.uuid("Not a run id.") });
export const nodeParamsSchema = projectParamsSchema.extend({ nodeId: z.uuid("Not a node id.") });
/** A node named on its own (/api/v1/nodes/{nodeId}): its project is looked up. */
export const nodeOnlyParamsSchema = z.object({ nodeId: z.uuid("Not a node id.") });

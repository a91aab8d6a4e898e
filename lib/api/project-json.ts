// How projects look in the REST API (/api/v1): snake_case, ISO times. The
// schemas describe the answers in the OpenAPI document (lib/api/openapi.ts).
import { z } from "zod";

export const projectJsonSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  description: z.string(),
  created_at: z.iso.datetime(),
});

export const projectDetailJsonSchema = projectJsonSchema.extend({
  counts: z.object({
    seeds: z.int(),
    evolved: z.int(),
    accepted: z.int(),
    rejected: z.int(),
    runs: z.int(),
    imports: z.int(),
  }),
});

export function projectJson(project: {
  id: string;
  name: string;
  description: string;
  createdAt: Date;
}): z.output<typeof projectJsonSchema> {
  return {
    id: project.id,
    name: project.name,
    description: project.description,
    created_at: project.createdAt.toISOString(),
  };
}

export function projectDetailJson(project: {
  id: string;
  name: string;
  description: string;
  createdAt: Date;
  counts: z.output<typeof projectDetailJsonSchema>["counts"];
}): z.output<typeof projectDetailJsonSchema> {
  return { ...projectJson(project), counts: { ...project.counts } };
}

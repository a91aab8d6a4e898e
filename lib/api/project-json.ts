// How projects look in the REST API (/api/v1): snake_case, ISO times.

export function projectJson(project: { id: string; name: string; description: string; createdAt: Date }) {
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
  counts: { seeds: number; evolved: number; accepted: number; rejected: number; runs: number; imports: number };
}) {
  return { ...projectJson(project), counts: { ...project.counts } };
}

import type { ApiResource } from "@/lib/api/api-reference";
import { EndpointCard } from "./endpoint-card";

export const resourceAnchor = (tag: string) => `resource-${tag}`;
export const resourceTitle = (tag: string) => tag.charAt(0).toUpperCase() + tag.slice(1).replace(/[_-]/g, " ");

/** A resource's endpoints, under its heading. */
export function ResourceSection({ resource }: { resource: ApiResource }) {
  return (
    <section
      id={resourceAnchor(resource.tag)}
      className="scroll-mt-4 space-y-4"
      aria-labelledby={`${resourceAnchor(resource.tag)}-title`}
    >
      <h2 id={`${resourceAnchor(resource.tag)}-title`} className="text-lg font-semibold text-zinc-900">
        {resourceTitle(resource.tag)}
      </h2>
      {resource.endpoints.map((endpoint) => (
        <EndpointCard key={endpoint.id} endpoint={endpoint} />
      ))}
    </section>
  );
}

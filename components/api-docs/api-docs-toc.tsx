import type { ApiResource } from "@/lib/api/api-reference";
import { resourceAnchor, resourceTitle } from "./resource-section";

/** The page's table of contents: the introduction, then each resource and its endpoints. */
export function ApiDocsToc({ resources }: { resources: ApiResource[] }) {
  return (
    <nav
      aria-label="On this page"
      className="text-sm lg:sticky lg:top-4 lg:max-h-[calc(100vh-2rem)] lg:overflow-y-auto"
    >
      <p className="mb-2 text-xs font-semibold tracking-wide text-zinc-500 uppercase">On this page</p>
      <ul className="space-y-3">
        <li>
          <a href="#introduction" className="text-zinc-700 hover:text-indigo-700">
            Introduction
          </a>
        </li>
        {resources.map((resource) => (
          <li key={resource.tag}>
            <a href={`#${resourceAnchor(resource.tag)}`} className="font-medium text-zinc-800 hover:text-indigo-700">
              {resourceTitle(resource.tag)}
            </a>
            <ul className="mt-1 space-y-0.5">
              {resource.endpoints.map((endpoint) => (
                <li key={endpoint.id}>
                  <a
                    href={`#${endpoint.id}`}
                    className="block truncate font-mono text-xs text-zinc-600 hover:text-indigo-700"
                    title={`${endpoint.method} ${endpoint.path}`}
                  >
                    <span className="font-semibold">{endpoint.method}</span> {endpoint.path.replace(/^\/api\/v1/, "")}
                  </a>
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </nav>
  );
}

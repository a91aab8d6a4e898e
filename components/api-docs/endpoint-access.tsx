import { Badge } from "@/components/ui/badge";
import type { ApiEndpoint } from "@/lib/api/api-reference";

/** Who may call an endpoint: public, or a token's scope and its owner's role. */
export function EndpointAccess({ endpoint }: { endpoint: ApiEndpoint }) {
  if (endpoint.scope === null)
    return (
      <p className="flex flex-wrap items-center gap-2 text-xs text-zinc-600">
        <Badge tone="amber">public</Badge> No token: the URL itself is the authority.
      </p>
    );
  return (
    <p className="flex flex-wrap items-center gap-2 text-xs text-zinc-600" data-testid="endpoint-access">
      <Badge tone={endpoint.scope === "write" ? "indigo" : "green"}>{endpoint.scope} scope</Badge>
      <Badge tone={endpoint.role === "admin" ? "red" : "neutral"}>
        {endpoint.role === "admin" ? "admins only" : "admins and annotators"}
      </Badge>
      {endpoint.scope === "write" ? "A token with write scope;" : "Any token (read or write scope);"}{" "}
      {endpoint.role === "admin" ? "its owner must be an admin." : "its owner's project access applies."}
    </p>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { ApiDocsIntro } from "@/components/api-docs/api-docs-intro";
import { ApiDocsToc } from "@/components/api-docs/api-docs-toc";
import { ResourceSection } from "@/components/api-docs/resource-section";
import { apiReference } from "@/lib/api/api-reference";
import { apiDocument } from "@/lib/api/api-routes";
import { requirePageUser } from "@/lib/server/auth/current-user";
import { getEnv } from "@/lib/server/config/env";

export const metadata: Metadata = { title: "API reference" };

/** The REST API's reference, rendered from its OpenAPI document (lib/api/api-routes.ts), so it cannot drift. */
export default async function ApiDocsPage() {
  await requirePageUser();
  const env = getEnv();
  const resources = apiReference(apiDocument(), env.APP_URL);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-xl font-semibold">API reference</h1>
        <p className="mt-1 max-w-3xl text-sm text-zinc-600">
          Every endpoint under <code>/api/v1</code>: who may call it, what it takes and answers, and a curl example. You
          need a token from{" "}
          <Link href="/account/tokens" className="text-indigo-700 hover:underline">
            API tokens
          </Link>
          .
        </p>
      </div>
      <div className="grid gap-8 lg:grid-cols-[15rem_minmax(0,1fr)]">
        <ApiDocsToc resources={resources} />
        <div className="min-w-0 space-y-8">
          <ApiDocsIntro
            origin={env.APP_URL}
            rateLimitPerMinute={env.API_RATE_LIMIT_PER_MINUTE}
            maxBodyBytes={env.API_MAX_BODY_BYTES}
          />
          {resources.map((resource) => (
            <ResourceSection key={resource.tag} resource={resource} />
          ))}
        </div>
      </div>
    </div>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { CreateTokenForm } from "@/components/api-tokens/create-token-form";
import { TokenTable } from "@/components/api-tokens/token-table";
import { Card } from "@/components/ui/card";
import { listApiTokens } from "@/lib/server/api-tokens/list-api-tokens";
import { requirePageUser } from "@/lib/server/auth/current-user";
import { listProjects } from "@/lib/server/projects/list-projects";

export const metadata: Metadata = { title: "API tokens" };

export default async function ApiTokensPage() {
  const user = await requirePageUser();
  const [tokens, projects] = await Promise.all([listApiTokens({ userId: user.id }), listProjects({ viewer: user })]);
  return (
    <div className="space-y-6">
      <h1 className="text-xl font-semibold">API tokens</h1>
      <p className="text-sm text-zinc-600">
        A token lets a program use the API (<code>/api/v1</code>) as you, with your access and never more: send it as{" "}
        <code>Authorization: Bearer &lt;token&gt;</code>. The{" "}
        <Link href="/api-docs" className="text-indigo-700 hover:underline">
          API reference
        </Link>{" "}
        lists every endpoint, with curl examples.
      </p>
      <Card title="New token">
        <CreateTokenForm projects={projects.map((p) => ({ id: p.id, name: p.name }))} />
      </Card>
      {tokens.length ? (
        <TokenTable tokens={tokens} />
      ) : (
        <p className="text-sm text-zinc-500">You have no tokens yet.</p>
      )}
    </div>
  );
}

import type { Metadata } from "next";
import { TokenTable } from "@/components/api-tokens/token-table";
import { listApiTokens } from "@/lib/server/api-tokens/list-api-tokens";
import { requirePageUser } from "@/lib/server/auth/current-user";

export const metadata: Metadata = { title: "All API tokens" };

export default async function AdminApiTokensPage() {
  await requirePageUser("admin");
  const tokens = await listApiTokens({ userId: null });
  return (
    <div className="space-y-6">
      <h1 className="text-xl font-semibold">All API tokens</h1>
      {tokens.length ? (
        <TokenTable tokens={tokens} showOwner />
      ) : (
        <p className="text-sm text-zinc-500">Nobody has an API token.</p>
      )}
    </div>
  );
}

import { Badge } from "@/components/ui/badge";
import { DataTable } from "@/components/ui/data-table";
import type { ApiTokenRow } from "@/lib/server/api-tokens/list-api-tokens";
import { RevokeTokenButton } from "./revoke-token-button";

const when = (date: Date | null, none: string) => (date ? date.toISOString().slice(0, 16).replace("T", " ") : none);
const day = (date: Date) => date.toISOString().slice(0, 10);

function TokenState({ token, now }: { token: ApiTokenRow; now: Date }) {
  if (token.revokedAt) return <Badge tone="red">revoked</Badge>;
  if (token.expiresAt && token.expiresAt <= now) return <Badge tone="amber">expired</Badge>;
  return <Badge tone="green">active</Badge>;
}

/** Tokens as their owner (or, with `showOwner`, an admin) sees them; times in UTC. */
export function TokenTable({ tokens, showOwner = false }: { tokens: ApiTokenRow[]; showOwner?: boolean }) {
  const now = new Date();
  return (
    <DataTable
      columns={[
        ...(showOwner ? [{ label: "Owner" }] : []),
        { label: "Name" },
        { label: "Token" },
        { label: "Scope" },
        { label: "Projects" },
        { label: "Created (UTC)" },
        { label: "Last used" },
        { label: "Expires" },
        { label: "State" },
        { label: "Actions", align: "right" as const },
      ]}
    >
      {tokens.map((t) => (
        <tr key={t.id} data-testid="token-row" data-name={t.name}>
          {showOwner ? <td className="px-4 py-2 break-all">{t.owner.email}</td> : null}
          <td className="px-4 py-2 font-medium">{t.name}</td>
          <td className="px-4 py-2 font-mono text-xs whitespace-nowrap">{t.prefix}…</td>
          <td className="px-4 py-2">
            <Badge tone={t.scope === "write" ? "indigo" : "neutral"}>{t.scope}</Badge>
          </td>
          <td className="px-4 py-2">{t.projects.length ? t.projects.map((p) => p.name).join(", ") : "all"}</td>
          <td className="px-4 py-2 whitespace-nowrap" title={when(t.createdAt, "")}>
            {day(t.createdAt)}
          </td>
          <td className="px-4 py-2 whitespace-nowrap">{when(t.lastUsedAt, "never")}</td>
          <td className="px-4 py-2 whitespace-nowrap">{when(t.expiresAt, "never")}</td>
          <td className="px-4 py-2 whitespace-nowrap">
            <TokenState token={t} now={now} />
          </td>
          <td className="px-4 py-2 text-right">
            {t.revokedAt ? null : <RevokeTokenButton tokenId={t.id} name={t.name} />}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}

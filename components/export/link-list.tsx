import { Badge } from "@/components/ui/badge";
import type { ExportLinkRow } from "@/lib/server/export/list-export-links";

const STATE_TONE = { active: "green", expired: "amber", revoked: "red" } as const;
const when = (iso: string | null) => (iso ? iso.slice(0, 16).replace("T", " ") : "never");

/** An export's signed links: state, expiry, last use and downloads, each live one revocable. */
export function LinkList({
  links,
  onRevoke,
  pending,
}: {
  links: ExportLinkRow[] | null;
  onRevoke: (linkId: string) => void;
  pending: boolean;
}) {
  if (links === null) return <p className="text-sm text-zinc-500">Loading links…</p>;
  if (links.length === 0) return <p className="text-sm text-zinc-500">No links to this export yet.</p>;
  return (
    <table className="w-full text-sm">
      <thead>
        <tr className="text-left text-xs text-zinc-500">
          <th className="py-1 font-medium">Link</th>
          <th className="py-1 font-medium">Expires (UTC)</th>
          <th className="py-1 font-medium">Last used</th>
          <th className="py-1 text-right font-medium">Downloads</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {links.map((link) => (
          <tr key={link.id} data-testid="export-link-row" data-state={link.state} className="border-t border-zinc-100">
            <td className="py-1.5">
              <Badge tone={STATE_TONE[link.state]}>{link.state}</Badge>
              <span className="ml-2 text-xs text-zinc-500">by {link.by}</span>
            </td>
            <td className="py-1.5 text-zinc-600">{when(link.expiresAt)}</td>
            <td className="py-1.5 text-zinc-600">{when(link.lastUsedAt)}</td>
            <td className="py-1.5 text-right tabular-nums">{link.downloadCount}</td>
            <td className="py-1.5 text-right">
              {link.state === "active" ? (
                <button
                  type="button"
                  disabled={pending}
                  className="text-xs text-zinc-500 underline hover:text-red-700 disabled:opacity-50"
                  onClick={() => onRevoke(link.id)}
                >
                  Revoke
                </button>
              ) : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

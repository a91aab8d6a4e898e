import type { ImportRow } from "@/lib/server/seeds/list-imports";

export function ImportHistory({ imports }: { imports: ImportRow[] }) {
  if (imports.length === 0) return null;
  return (
    <section className="space-y-2">
      <h2 className="text-base font-semibold">Imports</h2>
      <div className="overflow-hidden rounded-lg border border-zinc-200 bg-white">
        <table className="w-full text-sm">
          <thead className="bg-zinc-50 text-left text-xs uppercase tracking-wide text-zinc-500">
            <tr>
              <th className="px-4 py-2">When</th>
              <th className="px-4 py-2">Source</th>
              <th className="px-4 py-2">Layout</th>
              <th className="px-4 py-2 text-right">Read</th>
              <th className="px-4 py-2 text-right">Imported</th>
              <th className="px-4 py-2 text-right">Duplicates</th>
              <th className="px-4 py-2 text-right">Skipped bad</th>
              <th className="px-4 py-2">By</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-100">
            {imports.map((i) => (
              <tr key={i.id} data-testid="import-row">
                <td className="px-4 py-2 text-zinc-500">{i.createdAt.toISOString().slice(0, 16).replace("T", " ")}</td>
                <td className="px-4 py-2">{i.fileName ?? "pasted text"}</td>
                <td className="px-4 py-2 text-zinc-600">{i.format} · {i.schema}</td>
                <td className="px-4 py-2 text-right tabular-nums">{i.rowsRead.toLocaleString("en-US")}</td>
                <td className="px-4 py-2 text-right tabular-nums">{i.rowsImported.toLocaleString("en-US")}</td>
                <td className="px-4 py-2 text-right tabular-nums">{i.duplicates.toLocaleString("en-US")}</td>
                <td className="px-4 py-2 text-right tabular-nums">{i.skippedInvalid.toLocaleString("en-US")}</td>
                <td className="px-4 py-2 text-zinc-600">{i.by}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

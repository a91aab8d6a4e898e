import type { ImportRow } from "@/lib/server/seeds/list-imports";
import { DataTable } from "@/components/ui/data-table";

export function ImportHistory({ imports }: { imports: ImportRow[] }) {
  if (imports.length === 0) return null;
  return (
    <section className="space-y-2">
      <h2 className="text-base font-semibold">Imports</h2>
      <DataTable
        columns={[
          { label: "When" },
          { label: "Source" },
          { label: "Layout" },
          { label: "Read", align: "right" },
          { label: "Imported", align: "right" },
          { label: "Duplicates", align: "right" },
          { label: "Skipped bad", align: "right" },
          { label: "By" },
        ]}
      >
        {imports.map((i) => (
          <tr key={i.id} data-testid="import-row">
            <td className="px-4 py-2 text-zinc-500">{i.createdAt.toISOString().slice(0, 16).replace("T", " ")}</td>
            <td className="px-4 py-2">{i.fileName ?? "pasted text"}</td>
            <td className="px-4 py-2 text-zinc-600">
              {i.format} · {i.schema}
            </td>
            <td className="px-4 py-2 text-right tabular-nums">{i.rowsRead.toLocaleString("en-US")}</td>
            <td className="px-4 py-2 text-right tabular-nums">{i.rowsImported.toLocaleString("en-US")}</td>
            <td className="px-4 py-2 text-right tabular-nums">{i.duplicates.toLocaleString("en-US")}</td>
            <td className="px-4 py-2 text-right tabular-nums">{i.skippedInvalid.toLocaleString("en-US")}</td>
            <td className="px-4 py-2 text-zinc-600">{i.by}</td>
          </tr>
        ))}
      </DataTable>
    </section>
  );
}

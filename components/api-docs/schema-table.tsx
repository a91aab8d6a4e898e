import type { SchemaRow } from "@/lib/api/schema-rows";

type Row = SchemaRow & { in?: string };

/** Fields (of parameters, a body or an answer) as a table, nested fields indented under their parent. */
export function SchemaTable({ rows, showIn = false, testId }: { rows: Row[]; showIn?: boolean; testId?: string }) {
  const columns = ["Name", ...(showIn ? ["In"] : []), "Type", "Required", "Constraints", "Description"];
  return (
    <div className="overflow-x-auto rounded-md border border-zinc-200">
      <table className="w-full min-w-[40rem] text-sm" data-testid={testId}>
        <thead className="bg-zinc-50 text-left text-xs uppercase tracking-wide text-zinc-500">
          <tr>
            {columns.map((column) => (
              <th key={column} className="px-3 py-1.5 font-medium">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100 align-top">
          {rows.map((row) => (
            <tr key={`${row.in ?? ""}:${row.name}`}>
              <td
                className="px-3 py-1.5 font-mono text-xs whitespace-nowrap"
                style={{ paddingLeft: `${0.75 + row.depth}rem` }}
              >
                {row.name}
              </td>
              {showIn ? <td className="px-3 py-1.5 text-xs whitespace-nowrap text-zinc-600">{row.in}</td> : null}
              <td className="px-3 py-1.5 font-mono text-xs whitespace-nowrap text-zinc-700">{row.type}</td>
              <td className="px-3 py-1.5 text-xs">
                {row.required ? (
                  <span className="font-medium text-zinc-900">required</span>
                ) : (
                  <span className="text-zinc-500">optional</span>
                )}
              </td>
              <td className="px-3 py-1.5 text-xs text-zinc-600">
                {row.constraints.length ? (
                  <ul className="space-y-0.5">
                    {row.constraints.map((constraint) => (
                      <li key={constraint} className="wrap-anywhere">
                        {constraint}
                      </li>
                    ))}
                  </ul>
                ) : (
                  "—"
                )}
              </td>
              <td className="px-3 py-1.5 text-xs text-zinc-600">{row.description ?? ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

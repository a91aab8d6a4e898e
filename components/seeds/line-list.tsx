export function LineList({
  title,
  total,
  items,
  tone = "neutral",
}: {
  title: string;
  total: number;
  items: { line: number; text: string }[];
  tone?: "neutral" | "error";
}) {
  return (
    <div>
      <h3 className="mb-1 text-xs font-medium uppercase tracking-wide text-zinc-500">
        {title} ({total.toLocaleString("en-US")}
        {total > items.length ? `, first ${items.length} shown` : ""})
      </h3>
      <ul
        className={`max-h-56 overflow-auto rounded-md border text-sm ${tone === "error" ? "border-red-200 bg-red-50/50" : "border-zinc-200"}`}
      >
        {items.map((item, i) => (
          <li
            key={`${item.line}-${i}`}
            className="flex gap-3 px-3 py-1"
            data-testid={tone === "error" ? "line-error" : "line-item"}
          >
            <span className="w-16 shrink-0 font-mono text-xs leading-5 text-zinc-500">line {item.line}</span>
            <span className="whitespace-pre-wrap break-all">{item.text}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

// Card text comes partly from user data (run names, reviewer names, rule
// names). GitHub and the Hugging Face Hub render raw HTML in markdown, so
// every data value is escaped before it reaches the card.
const HTML = /[&<>]/g;
const HTML_ENTITY: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;" };

export function escapeText(value: string): string {
  return value.replace(HTML, (ch) => HTML_ENTITY[ch]!);
}

/** One table cell: HTML escaped, "|" escaped, line breaks folded so the row stays one line. */
function escapeCell(value: string | number): string {
  return escapeText(String(value))
    .replaceAll("|", "\\|")
    .replace(/\r\n|\r|\n/g, " ");
}

export function table(header: string[], rows: (string | number)[][]): string {
  const line = (cells: (string | number)[]): string => `| ${cells.map(escapeCell).join(" | ")} |`;
  return [line(header), `|${header.map(() => " --- ").join("|")}|`, ...rows.map(line)].join("\n");
}

/** A YAML scalar: JSON strings are valid YAML and need no further escaping rules. */
export function yamlString(value: string): string {
  return JSON.stringify(value);
}

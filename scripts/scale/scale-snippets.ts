// Structured bits for the scale seeder: code blocks for answers, tables, JSON,
// SQL and XML for inputs and complicate_input rewrites.
import type { Rng } from "./scale-random";

const SNIPPETS: readonly (readonly [string, string])[] = [
  [
    "python",
    'def largest(values: list[int]) -> int:\n    if not values:\n        raise ValueError("empty list")\n    best = values[0]\n    for v in values[1:]:\n        best = max(best, v)\n    return best',
  ],
  [
    "typescript",
    "export function chunk<T>(items: T[], size: number): T[][] {\n  const out: T[][] = [];\n  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));\n  return out;\n}",
  ],
  [
    "go",
    "func Reverse(s string) string {\n\tr := []rune(s)\n\tfor i, j := 0, len(r)-1; i < j; i, j = i+1, j-1 {\n\t\tr[i], r[j] = r[j], r[i]\n\t}\n\treturn string(r)\n}",
  ],
  [
    "rust",
    "fn mean(xs: &[f64]) -> Option<f64> {\n    if xs.is_empty() { return None; }\n    Some(xs.iter().sum::<f64>() / xs.len() as f64)\n}",
  ],
  [
    "sql",
    "SELECT customer_id, SUM(total) AS spent\nFROM orders\nWHERE created_at >= DATE '2024-01-01'\nGROUP BY customer_id\nORDER BY spent DESC\nLIMIT 10;",
  ],
  [
    "java",
    "public static boolean isPalindrome(String s) {\n    int i = 0, j = s.length() - 1;\n    while (i < j) if (s.charAt(i++) != s.charAt(j--)) return false;\n    return true;\n}",
  ],
];

const BUGGY: readonly string[] = [
  "```python\ndef average(xs):\n    total = 0\n    for i in range(1, len(xs)):\n        total += xs[i]\n    return total / len(xs)\n```",
  "```typescript\nlet count = 0;\nawait Promise.all(items.map(async () => {\n  const current = count;\n  await save();\n  count = current + 1;\n}));\n```",
  "```python\ndef add_item(item, bucket=[]):\n    bucket.append(item)\n    return bucket\n```",
  "```sql\nSELECT u.name, o.total\nFROM users u\nJOIN orders o ON o.id = u.id;\n```",
];

export function codeSnippet(rng: Rng): string {
  const [lang, body] = rng.pick(SNIPPETS);
  return `\`\`\`${lang}\n${body}\n\`\`\``;
}

export function debugInput(rng: Rng): string {
  return rng.pick(BUGGY);
}

const ITEMS = ["Widget", "Gasket", "Sensor", "Cable", "Bracket", "Valve", "Filter", "Panel"];
const CITIES = ["Lyon", "Osaka", "Nairobi", "Lima", "Oslo", "Pune", "Austin", "Kraków"];

export function dataBlock(rng: Rng): string {
  switch (rng.int(0, 4)) {
    case 0: {
      const rows = Array.from(
        { length: rng.int(2, 4) },
        () => `| ${rng.pick(ITEMS)} | ${rng.int(1, 40)} | ${(rng.int(100, 9999) / 100).toFixed(2)} |`,
      );
      return ["| Item | Quantity | Unit price |", "|---|---|---|", ...rows].join("\n");
    }
    case 1: {
      const sales = Array.from({ length: 3 }, () => rng.int(40, 400));
      return `\`\`\`json\n{"region": "${rng.pick(CITIES)}", "monthly_sales": [${sales.join(", ")}], "target": ${rng.int(300, 900)}}\n\`\`\``;
    }
    case 2:
      return `\`\`\`sql\nSELECT city, COUNT(*) AS visits FROM trips WHERE year = ${rng.int(2015, 2024)} GROUP BY city;\n\`\`\``;
    case 3:
      return `\`\`\`xml\n<order id="${rng.int(1000, 9999)}"><item sku="${rng.pick(ITEMS).toUpperCase()}-${rng.int(10, 99)}" qty="${rng.int(1, 9)}"/><ship to="${rng.pick(CITIES)}"/></order>\n\`\`\``;
    default:
      return `Formula: P = ${rng.int(2, 9)}·r² − ${rng.int(1, 20)}·r + ${rng.int(1, 50)}, for r between ${rng.int(1, 5)} and ${rng.int(6, 15)}.`;
  }
}

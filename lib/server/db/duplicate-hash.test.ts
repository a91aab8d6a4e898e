// The duplicate rule's hash is computed by Postgres (nodes.duplicate_hash, a
// generated column) and its normalisation is written again in TypeScript for
// the rule's in-memory checks: both must agree on every kind of text.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { duplicateHashOf, normalizeForDuplicates } from "@/lib/text/duplicate-text";
import { setupTestDatabase } from "@/tests/setup/test-database";

const TEXTS = [
  "",
  "   ",
  "Write a Poem about OWLS.",
  "  leading and trailing\t\tspace \r\n",
  "no\u00a0break\u2003em\u3000ideographic\u202fnarrow\u205fmath\u1680ogham",
  "line\u2028separator\u2029paragraph\u0085next\vvertical\fform\ufeffbom",
  "ＡＢＣ full-width and ﬁ ligature, ① circled, ² superscript",
  "Café vs Cafe\u0301 (composed and decomposed)",
  "ΣΊΣΥΦΟΣ ΟΔΟΣ: final sigma",
  "İstanbul and DİYARBAKIR",
  "Straße GROSSE ǅemal ǈ",
  "ÅNGSTRÖM Ωmega KELVIN \u212a",
  "emoji 😀👍🏽 and CJK 中文 and Хорошо",
  "tab\there\nnew line",
];

let client: pg.Client;
beforeAll(async () => {
  const { url } = await setupTestDatabase();
  client = new pg.Client({ connectionString: url });
  await client.connect();
});
afterAll(async () => client?.end());

describe("nodes_duplicate_text and nodes_duplicate_hash", () => {
  it("normalise every text exactly as normalizeForDuplicates does", async () => {
    const { rows } = await client.query<{ t: string }>(
      "SELECT nodes_duplicate_text(t) AS t FROM unnest($1::text[]) t",
      [TEXTS],
    );
    expect(rows.map((r) => r.t)).toEqual(TEXTS.map(normalizeForDuplicates));
  });

  it("hash instruction and input exactly as duplicateHashOf does", async () => {
    const pairs = TEXTS.map((t, i) => [t, TEXTS[(i + 3) % TEXTS.length]!] as const);
    const { rows } = await client.query<{ h: string }>(
      "SELECT nodes_duplicate_hash(a, b) AS h FROM unnest($1::text[], $2::text[]) AS p(a, b)",
      [pairs.map((p) => p[0]), pairs.map((p) => p[1])],
    );
    expect(rows.map((r) => r.h)).toEqual(pairs.map(([a, b]) => duplicateHashOf(a, b)));
  });
});

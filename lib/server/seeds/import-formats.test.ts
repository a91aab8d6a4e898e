// Every supported file layout, from an uploaded File through parsing to rows
// in Postgres, with awkward text (unicode, quotes, commas, newlines) intact.
import { beforeAll, describe, expect, it } from "vitest";
import { createTestUser, type TestUser } from "@/tests/fixtures/users";
import { setupTestDatabase } from "@/tests/setup/test-database";

await setupTestDatabase();
const { getPrisma } = await import("@/lib/server/db/prisma");
const { parseUpload, INLINE_PARSE_MAX_BYTES } = await import("./parse-upload");
const { importSeeds } = await import("./import-seeds");

const tricky = {
  instruction: 'Résumé "quoted", with commas, and a newline\nsecond line 🚀',
  input: 'a,b,c\n1,"2",3',
  output: "Ответ: ✓ — done, 100%",
};
const plain = { instruction: "Name three noble gases.", input: "", output: "Helium, neon, argon." };

function csvCell(value: string) {
  return `"${value.replaceAll('"', '""')}"`;
}

const files: { name: string; schema: string; content: string; expectedMetadata?: Record<string, unknown> }[] = [
  { name: "alpaca.jsonl", schema: "alpaca", content: [tricky, plain].map((r) => JSON.stringify(r)).join("\n") },
  { name: "alpaca.json", schema: "alpaca", content: JSON.stringify([tricky, plain], null, 2) },
  {
    name: "alpaca.csv",
    schema: "alpaca",
    content: [
      "instruction,input,output",
      ...[tricky, plain].map((r) => [r.instruction, r.input, r.output].map(csvCell).join(",")),
    ].join("\r\n"),
  },
  {
    name: "sharegpt.jsonl",
    schema: "sharegpt",
    expectedMetadata: { system: "Be brief." },
    content: [tricky, plain]
      .map((r) =>
        JSON.stringify({
          conversations: [
            { from: "system", value: "Be brief." },
            { from: "human", value: r.instruction },
            { from: "gpt", value: r.output },
          ],
        }),
      )
      .join("\n"),
  },
  {
    name: "openai.jsonl",
    schema: "openai_chat",
    expectedMetadata: { system: "Be brief." },
    content: [tricky, plain]
      .map((r) =>
        JSON.stringify({
          messages: [
            { role: "system", content: "Be brief." },
            { role: "user", content: [{ type: "text", text: r.instruction }] },
            { role: "assistant", content: r.output },
          ],
        }),
      )
      .join("\n"),
  },
];

let admin: TestUser;
beforeAll(async () => {
  admin = await createTestUser("admin");
});

async function importFile(name: string, content: string | Uint8Array<ArrayBuffer>) {
  const project = await getPrisma().project.create({ data: { name: `formats ${name} ${Math.random()}` } });
  const upload = { projectId: project.id, file: new File([content], name), skipInvalid: false };
  const { parsed, fileName } = await parseUpload(upload);
  const summary = await importSeeds({ projectId: project.id, actorId: admin.id, parsed, fileName });
  const rows = await getPrisma().node.findMany({ where: { projectId: project.id }, orderBy: { id: "asc" } });
  return { parsed, summary, rows };
}

describe("importing each supported layout", () => {
  it.each(files)("$name ($schema)", async ({ name, schema, content, expectedMetadata }) => {
    const { parsed, summary, rows } = await importFile(name, content);
    expect(parsed.schema).toBe(schema);
    expect(summary.imported).toBe(2);
    const chat = schema === "sharegpt" || schema === "openai_chat";
    // Chat layouts carry no separate input: it is part of the user turn.
    const expected = [tricky, plain].map((r) => ({
      instruction: r.instruction,
      input: chat ? "" : r.input,
      output: r.output,
    }));
    expect(rows.map((r) => ({ instruction: r.instruction, input: r.input, output: r.output }))).toEqual(expected);
    for (const row of rows) {
      expect(row.rootId).toBe(row.id);
      expect(row.round).toBe(0);
      if (expectedMetadata) expect(row.metadata).toMatchObject(expectedMetadata);
    }
  });

  it("plain text: one instruction per non-blank line", async () => {
    const { parsed, rows } = await importFile(
      "lines.txt",
      'First instruction, with a comma\n\n  Second "quoted" instruction 🚀  \n',
    );
    expect(parsed.schema).toBe("plain_text");
    expect(rows.map((r) => [r.instruction, r.input, r.output])).toEqual([
      ["First instruction, with a comma", "", null],
      ['Second "quoted" instruction 🚀', "", null],
    ]);
  });

  it("refuses invalid UTF-8, an unknown layout and an empty upload with a clear message, writing nothing", async () => {
    const project = await getPrisma().project.create({ data: { name: `formats errors ${Math.random()}` } });
    const bad = new Uint8Array([
      ...new TextEncoder().encode('{"instruction": "ok"}\n{"instruction": "caf'),
      0xff,
      ...new TextEncoder().encode('"}\n'),
    ]);
    await expect(
      parseUpload({ projectId: project.id, file: new File([bad], "bad.jsonl"), skipInvalid: false }),
    ).rejects.toThrow(/UTF-8.*line 2/i);
    await expect(
      parseUpload({ projectId: project.id, file: new File(['{"foo": 1, "bar": 2}\n'], "x.jsonl"), skipInvalid: false }),
    ).rejects.toThrow(/instruction/i);
    expect(await getPrisma().node.count({ where: { projectId: project.id } })).toBe(0);
  });
});

describe("hostile input", () => {
  it("imports a valid Parquet file, read in its worker thread", async () => {
    const { parquetWriteBuffer } = await import("hyparquet-writer");
    const bytes = parquetWriteBuffer({
      columnData: [
        { name: "instruction", data: [tricky.instruction, plain.instruction], type: "STRING" },
        { name: "input", data: [tricky.input, plain.input], type: "STRING" },
        { name: "output", data: [tricky.output, plain.output], type: "STRING" },
      ],
    });
    const { parsed, summary, rows } = await importFile("alpaca.parquet", new Uint8Array(bytes));
    expect([parsed.format, parsed.schema, summary.imported]).toEqual(["parquet", "alpaca", 2]);
    expect(rows.map((r) => r.instruction)).toEqual([tricky.instruction, plain.instruction]);
  });

  it("holds every field to SEED_MAX_FIELD_CHARS and imports nothing when a line is over it", async () => {
    const previous = process.env.SEED_MAX_FIELD_CHARS;
    process.env.SEED_MAX_FIELD_CHARS = "20";
    try {
      const project = await getPrisma().project.create({ data: { name: `formats limit ${Math.random()}` } });
      const content = [
        { instruction: "x".repeat(20), output: "fits exactly" },
        { instruction: "short", output: "y".repeat(21) },
      ]
        .map((r) => JSON.stringify(r))
        .join("\n");
      const { parsed } = await parseUpload({
        projectId: project.id,
        file: new File([content], "long.jsonl"),
        skipInvalid: false,
      });
      expect(parsed.errors).toEqual([
        { line: 2, message: "Line 2: the output is 21 characters; the limit is 20 (SEED_MAX_FIELD_CHARS)" },
      ]);
      await expect(importSeeds({ projectId: project.id, actorId: admin.id, parsed })).rejects.toThrow(
        /1 record\(s\) have errors \(first: Line 2: the output is 21 characters; the limit is 20 \(SEED_MAX_FIELD_CHARS\)\); nothing was imported/,
      );
      expect(await getPrisma().node.count({ where: { projectId: project.id } })).toBe(0);
    } finally {
      if (previous === undefined) delete process.env.SEED_MAX_FIELD_CHARS;
      else process.env.SEED_MAX_FIELD_CHARS = previous;
    }
  });
});

describe("a large upload", () => {
  // Past the inline size the file is parsed in a worker thread: same seeds, same errors, same messages.
  const lines = Array.from({ length: 6_000 }, (_, i) =>
    JSON.stringify({ instruction: `Explain idea ${i} to a curious ten-year-old.`, output: "x".repeat(150) }),
  );
  const body = lines.join("\n");

  it("is parsed off the request thread into the same seeds", async () => {
    expect(new TextEncoder().encode(body).byteLength).toBeGreaterThan(INLINE_PARSE_MAX_BYTES);
    const project = await getPrisma().project.create({ data: { name: `formats large ${Math.random()}` } });
    const { parsed } = await parseUpload({
      projectId: project.id,
      file: new File([body], "big.jsonl"),
      skipInvalid: false,
    });
    expect(parsed.seeds).toHaveLength(6_000);
    expect(parsed.seeds[5_999]).toMatchObject({
      line: 6_000,
      instruction: "Explain idea 5999 to a curious ten-year-old.",
    });
    expect(parsed.errors).toEqual([]);
  });

  it("reports the thread's refusal as a clear error", async () => {
    const project = await getPrisma().project.create({ data: { name: `formats large bad ${Math.random()}` } });
    const bad = new Uint8Array([...new TextEncoder().encode(body + '\n{"instruction": "caf'), 0xff, 0x22, 0x7d]);
    await expect(
      parseUpload({ projectId: project.id, file: new File([bad], "big.jsonl"), skipInvalid: false }),
    ).rejects.toThrow(/UTF-8.*line 6001/i);
  });
});

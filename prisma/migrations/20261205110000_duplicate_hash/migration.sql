-- The duplicate rule (decision 0025): an evolved instruction identical after
-- normalisation to another node of the project is eliminated. Each node keeps
-- the hash of its normalised instruction and input, kept by Postgres itself
-- (a generated column: seed imports, evolutions and edits all get it, and the
-- ALTER below fills it in for every existing row), looked up by (project, hash).
--
-- The normalisation is lib/text/duplicate-text.ts's, step for step: NFKC, lower
-- case with full Unicode case mapping (the built-in pg_unicode_fast collation,
-- whatever the database's own locale), runs of the listed whitespace collapsed
-- to one space, trimmed. lib/server/db/duplicate-hash.test.ts keeps the two equal.
CREATE FUNCTION nodes_duplicate_text(t text) RETURNS text
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN btrim(
    regexp_replace(
      lower(normalize(t, NFKC) COLLATE pg_unicode_fast),
      '[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]+',
      ' ',
      'g'
    ),
    ' '
  );

-- sha-256 (hex) of the two normalised fields with a NUL between them, as duplicateHashOf.
CREATE FUNCTION nodes_duplicate_hash(instruction text, input text) RETURNS text
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN encode(
    sha256(
      convert_to(nodes_duplicate_text(instruction), 'UTF8') || '\x00'::bytea ||
      convert_to(nodes_duplicate_text(input), 'UTF8')
    ),
    'hex'
  );

ALTER TABLE "nodes" ADD COLUMN "duplicate_hash" TEXT GENERATED ALWAYS AS (nodes_duplicate_hash("instruction", "input")) STORED;

CREATE INDEX "nodes_project_id_duplicate_hash_idx" ON "nodes"("project_id", "duplicate_hash");

-- Words per instruction, kept by Postgres itself, for the project dashboard:
-- counting them per request was most of its time on large projects. A word is
-- a run of characters between spaces, tabs and line breaks.
ALTER TABLE "nodes" ADD COLUMN "instruction_words" INTEGER GENERATED ALWAYS AS (
  cardinality(array_remove(string_to_array(replace(replace(replace("instruction", E'\n', ' '), E'\r', ' '), E'\t', ' '), ' '), ''))
) STORED;

-- Evolution methods as versioned data (decision 0027): a method is the set of
-- texts the prompts are made of; each saved edit is a new version, and a
-- version is never changed once written (runs and nodes point at it).
CREATE TABLE "methods" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "built_in" BOOLEAN NOT NULL DEFAULT false,
    "created_by_id" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "methods_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "methods_name_key" ON "methods"("name");

ALTER TABLE "methods" ADD CONSTRAINT "methods_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

CREATE TABLE "method_versions" (
    "id" UUID NOT NULL,
    "method_id" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "texts" JSONB NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "created_by_id" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "method_versions_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "method_versions_method_id_version_key" ON "method_versions"("method_id", "version");

ALTER TABLE "method_versions" ADD CONSTRAINT "method_versions_method_id_fkey" FOREIGN KEY ("method_id") REFERENCES "methods"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "method_versions" ADD CONSTRAINT "method_versions_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- A version's texts are what its runs' prompts were made of: saving makes a
-- new version, so no version is ever rewritten (deleting one a run or node
-- uses is refused by the foreign keys below).
CREATE FUNCTION "method_versions_refuse_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'method version % is immutable: save a new version instead', OLD."id";
END;
$$;

CREATE TRIGGER "method_versions_immutable" BEFORE UPDATE ON "method_versions"
  FOR EACH ROW EXECUTE FUNCTION "method_versions_refuse_update"();

-- The built-ins, with fixed ids: paper v1 is exactly the templates of evol-v1
-- (lib/evolution/builtin-methods.ts; lib/server/methods/builtin-methods.test.ts
-- checks that these texts equal the code's).
INSERT INTO "methods" ("id", "name", "description", "built_in") VALUES ('00000000-0000-7000-8000-000000000001', 'paper', 'Evol-Instruct as in the WizardLM paper (the original templates).', true);
INSERT INTO "method_versions" ("id", "method_id", "version", "texts", "note") VALUES ('00000000-0000-7000-8000-000000000011', '00000000-0000-7000-8000-000000000001', 1, '{"depthIntro":"You are a prompt rewriter. Rewrite the prompt given below into a version that is a bit harder for strong AI models such as GPT-4 to handle, while it stays reasonable and can still be understood and answered by humans.","operationMethods":{"add_constraints":"Add one more constraint or requirement to it.","deepen":"If it asks about a particular issue, widen and deepen the inquiry into that issue.","concretize":"Replace its general concepts with more specific ones.","increase_reasoning":"If it can be solved with only a few simple steps of thinking, rewrite it so that it explicitly asks for multi-step reasoning.","complicate_input":"Add structured input data that the task must use (a table, JSON, XML, SQL, code or a formula); the added data does not count toward the word limit below."},"keepRule":"Keep any table, code or other non-text part of the given prompt exactly as it is, and do not leave out any of its input.","depthInputNote":"The given prompt comes with the input shown under the #Given Input#: label. The rewritten prompt will be used with that same input, so keep it usable with it and do not copy the input into your reply.","wordLimitRule":"The rewritten prompt may add only 10 to 20 words to the given prompt.","depthLabelRule":"Reply with the rewritten prompt only, and do not mention \"#Given Prompt#\", \"#Rewritten Prompt#\", \"given prompt\" or \"rewritten prompt\" in it.","breadthIntro":"You are a prompt creator. Draw inspiration from the prompt given below to create a brand-new prompt in the same domain that covers a rarer, less common topic or task.","breadthShape":"The created prompt should be about as long and as difficult as the given prompt, and stay reasonable and answerable by humans.","breadthInputNote":"The given prompt comes with the input shown under the #Given Input#: label. Use it for inspiration only; the created prompt must stand on its own.","breadthLabelRule":"Reply with the created prompt only, and do not mention \"#Given Prompt#\", \"#Created Prompt#\", \"given prompt\" or \"created prompt\" in it.","judge":"Decide whether the two prompts below are equal. They are Equal when they have the same constraints and requirements and the same depth and breadth of inquiry; otherwise they are Not Equal.\nStart your reply with exactly one of \"Equal\" or \"Not Equal\"; no explanation is needed.","difficulty":"Rate how difficult the instruction below is to answer well, on a scale from 1 (very easy) to 10 (very hard).\nStart your reply with the number, for example \"7\", before any explanation."}'::jsonb, 'The templates of evol-v1.');
INSERT INTO "methods" ("id", "name", "description", "built_in") VALUES ('00000000-0000-7000-8000-000000000002', 'code', 'WizardCoder''s in-depth heuristics for programming tasks.', true);
INSERT INTO "method_versions" ("id", "method_id", "version", "texts", "note") VALUES ('00000000-0000-7000-8000-000000000021', '00000000-0000-7000-8000-000000000002', 1, '{"depthIntro":"You are a rewriter of programming tasks. Rewrite the programming task given below into a somewhat harder one for strong AI models such as GPT-4, while it stays sensible, clearly specified and solvable by a capable human programmer.","operationMethods":{"add_constraints":"Add new constraints and requirements to the task, in about 10 more words.","deepen":"Ask for a stricter bound on running time or memory than the obvious solution meets; do this only where such a bound makes sense for the task.","concretize":"Replace a requirement that such tasks commonly have with a less common and more specific one.","increase_reasoning":"If the task can be solved with only a few logical steps, extend it so that solving it takes more reasoning steps.","complicate_input":"Include a short piece of code that contains a mistake and present it as a reference, so that it can mislead; the added code does not count toward the word limit below."},"keepRule":"Keep any code, signature, example or data in the given task exactly as it is, and do not leave out any of its input.","depthInputNote":"The given task comes with the input shown under the #Given Input#: label. The rewritten task will be used with that same input, so keep it usable with it and do not copy the input into your reply.","wordLimitRule":"The rewritten task may add only about 10 to 20 words to the given task, not counting added code.","depthLabelRule":"Reply with the rewritten prompt only, and do not mention \"#Given Prompt#\", \"#Rewritten Prompt#\", \"given prompt\" or \"rewritten prompt\" in it.","breadthIntro":"You are a creator of programming tasks. Taking the task given below as inspiration, create a brand-new programming task in the same area that covers a rarer, less common problem.","breadthShape":"The created task should be about as long and as difficult as the given one, clearly specified and solvable by a capable human programmer.","breadthInputNote":"The given task comes with the input shown under the #Given Input#: label. Use it for inspiration only; the created task must stand on its own.","breadthLabelRule":"Reply with the created prompt only, and do not mention \"#Given Prompt#\", \"#Created Prompt#\", \"given prompt\" or \"created prompt\" in it.","judge":"Decide whether the two programming tasks below are equal. They are Equal when they have the same constraints, requirements and complexity bounds and ask for the same depth and breadth of work; otherwise they are Not Equal.\nStart your reply with exactly one of \"Equal\" or \"Not Equal\"; no explanation is needed.","difficulty":"Rate how difficult the programming task below is to solve well, on a scale from 1 (very easy) to 10 (very hard).\nStart your reply with the number, for example \"7\", before any explanation."}'::jsonb, 'First version.');

-- Every run so far used evol-v1, that is paper v1; so did the nodes they made.
ALTER TABLE "runs" ADD COLUMN "method_version_id" UUID NOT NULL DEFAULT '00000000-0000-7000-8000-000000000011';

ALTER TABLE "runs" ADD CONSTRAINT "runs_method_version_id_fkey" FOREIGN KEY ("method_version_id") REFERENCES "method_versions"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE INDEX "runs_method_version_id_idx" ON "runs"("method_version_id");

ALTER TABLE "nodes" ADD COLUMN "method_version_id" UUID;

UPDATE "nodes" SET "method_version_id" = '00000000-0000-7000-8000-000000000011' WHERE "template_version" = 'evol-v1';

ALTER TABLE "nodes" ADD CONSTRAINT "nodes_method_version_id_fkey" FOREIGN KEY ("method_version_id") REFERENCES "method_versions"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE INDEX "nodes_method_version_id_idx" ON "nodes"("method_version_id");

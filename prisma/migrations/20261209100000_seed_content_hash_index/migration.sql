-- Content hashes are looked up for seeds only: the seed import skips a seed the
-- project has already (lib/server/seeds/find-existing-hashes.ts, `parent_id IS
-- NULL`). Evolved nodes, most of a project, leave the index, so a run step's
-- node INSERT maintains one B-tree fewer (decision 0044).
DROP INDEX "nodes_project_id_content_hash_idx";
CREATE INDEX "nodes_project_id_content_hash_idx" ON "nodes"("project_id", "content_hash") WHERE "parent_id" IS NULL;

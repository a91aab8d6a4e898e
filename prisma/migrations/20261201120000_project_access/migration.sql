-- Project members: an annotator sees and acts on the projects they are a member
-- of (admins on every project). Limits a project sets on annotators, and its
-- default spending cap for runs.

CREATE TABLE "project_members" (
    "project_id" UUID NOT NULL,
    "user_id" TEXT NOT NULL,
    "added_by_id" TEXT,
    "added_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "project_members_pkey" PRIMARY KEY ("project_id","user_id")
);

CREATE INDEX "project_members_user_id_idx" ON "project_members"("user_id");

ALTER TABLE "project_members" ADD CONSTRAINT "project_members_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "project_members" ADD CONSTRAINT "project_members_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "project_members" ADD CONSTRAINT "project_members_added_by_id_fkey" FOREIGN KEY ("added_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Until now every annotator worked on every project: keep that for the
-- projects and annotators that exist, so nobody loses access on upgrade.
INSERT INTO "project_members" ("project_id", "user_id")
SELECT p."id", u."id" FROM "projects" p CROSS JOIN "users" u WHERE u."role" = 'annotator';

-- Bulk decisions over a filter or a subtree larger than this are for admins only.
ALTER TABLE "projects" ADD COLUMN "annotator_bulk_limit" INTEGER NOT NULL DEFAULT 200;
-- Re-evolve / re-answer (paid LLM calls) by annotators: off unless an admin
-- allows it, and then at most this many per annotator per day.
ALTER TABLE "projects" ADD COLUMN "annotator_redo" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "projects" ADD COLUMN "annotator_redo_daily_quota" INTEGER NOT NULL DEFAULT 20;
-- Default spending cap of new runs (null: none).
ALTER TABLE "projects" ADD COLUMN "default_max_tokens" BIGINT;
ALTER TABLE "projects" ADD COLUMN "default_max_cost_usd" DECIMAL(12,4);

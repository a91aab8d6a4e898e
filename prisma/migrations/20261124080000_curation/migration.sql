-- CreateEnum
CREATE TYPE "StatusRule" AS ENUM ('admin_word', 'majority');

-- AlterEnum
ALTER TYPE "HumanStatus" ADD VALUE 'disputed';

-- AlterTable
ALTER TABLE "projects" ADD COLUMN     "majority_k" INTEGER NOT NULL DEFAULT 2,
ADD COLUMN     "overlap_share" DOUBLE PRECISION NOT NULL DEFAULT 0,
ADD COLUMN     "status_rule" "StatusRule" NOT NULL DEFAULT 'admin_word';

-- AlterTable
ALTER TABLE "reviews" ADD COLUMN     "bulk_action_id" UUID,
ADD COLUMN     "revoked_at" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "bulk_actions" (
    "id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "actor_id" TEXT,
    "decision" "ReviewDecision" NOT NULL,
    "scope" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    "undone_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "bulk_actions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "node_edits" (
    "id" UUID NOT NULL,
    "node_id" UUID NOT NULL,
    "editor_id" TEXT,
    "field" TEXT NOT NULL,
    "before" TEXT NOT NULL,
    "after" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "node_edits_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "reviews_bulk_action_id_idx" ON "reviews"("bulk_action_id");

-- CreateIndex
CREATE INDEX "bulk_actions_project_id_created_at_idx" ON "bulk_actions"("project_id", "created_at");

-- CreateIndex
CREATE INDEX "node_edits_node_id_created_at_idx" ON "node_edits"("node_id", "created_at");

-- AddForeignKey
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_bulk_action_id_fkey" FOREIGN KEY ("bulk_action_id") REFERENCES "bulk_actions"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "bulk_actions" ADD CONSTRAINT "bulk_actions_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "bulk_actions" ADD CONSTRAINT "bulk_actions_actor_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "node_edits" ADD CONSTRAINT "node_edits_node_id_fkey" FOREIGN KEY ("node_id") REFERENCES "nodes"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "node_edits" ADD CONSTRAINT "node_edits_editor_id_fkey" FOREIGN KEY ("editor_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

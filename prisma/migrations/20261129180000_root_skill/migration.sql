-- The skill of a node's seed (metadata "skill" of the lineage's root), kept on
-- every node so the review queue and exports filter lineages by skill without
-- looking up each candidate's seed. Set on insert by a trigger: a seed takes
-- its own, a rewrite its root's (roots are always inserted first).
ALTER TABLE "nodes" ADD COLUMN "root_skill" TEXT;

CREATE FUNCTION "nodes_set_root_skill"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."parent_id" IS NULL THEN
    NEW."root_skill" := NEW."metadata"->>'skill';
  ELSE
    SELECT r."root_skill" INTO NEW."root_skill" FROM "nodes" r WHERE r."id" = NEW."root_id";
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER "nodes_root_skill" BEFORE INSERT ON "nodes"
  FOR EACH ROW EXECUTE FUNCTION "nodes_set_root_skill"();

UPDATE "nodes" n SET "root_skill" = r."metadata"->>'skill' FROM "nodes" r WHERE r."id" = n."root_id" AND r."metadata" ? 'skill';

CREATE INDEX "nodes_project_id_root_skill_idx" ON "nodes"("project_id", "root_skill");
